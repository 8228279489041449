// `lmrec curate` on the shared job runner (src/llmrec/jobs): one unit per theme, so curation gets the same progress
// bar, `--dry-run` estimate, budgets, checkpoint (a finished theme is skipped on a rerun unless `--force`) and
// fallback report as every other LLM job. The unit's LLM work writes the intents; the catalog search that turns
// them into items (curate.ts) runs for the LLM and the fallback alike; `apply` stores the list in kv.

import type { Catalog } from '../pipeline/catalog.ts';
import { type CuratedList, listName, writeCuratedList } from '../pipeline/curated-lists.ts';
import type { NamedEmbedder } from '../pipeline/item-vectors.ts';
import type { Store } from '../store/store.ts';
import { listFromIntents, writeIntents } from './curate.ts';
import { catalogCategories, curatePrompt } from './curate-prompt.ts';
import type { LlmJob } from './jobs/llm-job.ts';

export interface CurateUnit {
  theme: string;
  /** The stored list's name. */
  name: string;
  from: string | null;
  to: string | null;
}

export function curateJob(options: {
  units: readonly CurateUnit[];
  store: Store;
  catalog: Catalog;
  embedder: NamedEmbedder | null;
  vectorNamespace: string;
  /** Intents asked for (default 8), items per intent (8), items per list (40). */
  intents?: number;
  perIntent?: number;
  size?: number;
}): LlmJob<CurateUnit, CuratedList> {
  const intents = options.intents ?? 8;
  const build = (
    unit: CurateUnit,
    extra: Pick<Parameters<typeof listFromIntents>[0], 'intents' | 'model' | 'fallbackReason'>,
  ) =>
    listFromIntents({
      store: options.store,
      catalog: options.catalog,
      embedder: options.embedder,
      vectorNamespace: options.vectorNamespace,
      theme: unit.theme,
      name: unit.name,
      from: unit.from,
      to: unit.to,
      perIntent: options.perIntent,
      size: options.size,
      ...extra,
    });
  return {
    name: 'curate',
    version: '1',
    units: options.units,
    // A theme curated again with other dates or sizes is a new unit.
    key: (unit) =>
      JSON.stringify([unit.name, unit.theme, unit.from, unit.to, intents, options.perIntent ?? 8, options.size ?? 40]),
    prompts: (unit) => [
      {
        ...curatePrompt({ theme: unit.theme, intents, categories: catalogCategories(options.catalog) }),
        expectedOutputTokens: 10 + 40 * intents,
      },
    ],
    run: async (unit, llm) => {
      const answer = await writeIntents({ llm, theme: unit.theme, intents, catalog: options.catalog });
      return build(unit, { intents: answer.intents, model: answer.model });
    },
    fallback: (unit, reason) => build(unit, { intents: null, fallbackReason: reason }),
    apply: async (_unit, list, { store }) => writeCuratedList(store.kv, list),
  };
}

/** A unit from the command line's theme, name and dates. */
export function curateUnit(
  theme: string,
  options: { name?: string; from?: string | null; to?: string | null } = {},
): CurateUnit {
  return { theme, name: listName(options.name ?? theme), from: options.from ?? null, to: options.to ?? null };
}

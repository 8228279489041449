// `lmrec enrich queries`: the query-to-item batch job on the job runner. A unit is one user whose cache entry is
// missing, expired, outrun by new feedback, or written by the fallback while an LLM is now configured. The LLM writes
// a profile and K queries (grounded evidence); without an LLM, the history's top attribute, tag and category terms
// are the queries. Either way hybrid search finds the items, and the entry goes to the q2i cache with its TTL.

import type { Item } from '../../core/types.ts';
import type { Catalog } from '../../pipeline/catalog.ts';
import type { QueryEmbedder } from '../../pipeline/hybrid-search.ts';
import { interestQueries } from '../../pipeline/interest-terms.ts';
import {
  type Q2iEntry,
  type Q2iRefreshPolicy,
  type Q2iStaleness,
  q2iNamespace,
  q2iStaleness,
  readQ2iEntry,
  writeQ2iEntry,
} from '../../pipeline/q2i-cache.ts';
import { UserHistory } from '../../pipeline/user-history.ts';
import type { Store } from '../../store/store.ts';
import { labelHistory } from '../history-labels.ts';
import type { LlmJob } from '../jobs/llm-job.ts';
import { groundQ2iAnswer, q2iPrompt, q2iSchema, q2iSystem } from './q2i-prompt.ts';
import { retrieveQueries } from './retrieve-queries.ts';

export interface Q2iSettings extends Q2iRefreshPolicy {
  /** Queries per user. */
  queries: number;
  /** Items kept per query. */
  perQuery: number;
  namespace?: string;
  /** History items shown to the model. */
  historyItems?: number;
}

export interface Q2iUnit {
  userId: string;
  /** Positive history items, newest first. */
  items: Item[];
  /** Every item id of the history (excluded from the results). */
  seen: Set<string>;
  /** Newest event time. */
  basedOn: number;
  why: Exclude<Q2iStaleness, null> | 'fallback-only' | 'forced';
  /** The entry being replaced (its time keys the unit, so a refresh is a new unit and a resumed run skips none). */
  previous: number;
}

/** Users whose entry needs (re)writing, with their history; `userIds` restricts the scan. */
export async function selectQ2iUnits(options: {
  store: Store;
  catalog: Catalog;
  settings: Q2iSettings;
  /** True when an LLM is configured: entries the fallback wrote are then redone. */
  withLlm: boolean;
  userIds?: readonly string[];
  historyLimit?: number;
  now?: number;
  /** Every user with a history, fresh entries too (`--force`). */
  force?: boolean;
}): Promise<Q2iUnit[]> {
  const { store, settings } = options;
  const now = options.now ?? Date.now();
  const types = await store.feedback.types();
  const ids = options.userIds ?? (await allUserIds(store));
  const units: Q2iUnit[] = [];
  for (const userId of ids) {
    const history = UserHistory.fromFeedback(
      await store.feedback.forUser(userId, { limit: options.historyLimit ?? 200 }),
      types,
    );
    const items = history
      .positives(settings.historyItems ?? 20)
      .map((event) => options.catalog.get(event.itemId)?.item)
      .filter((item): item is Item => item !== undefined);
    if (items.length === 0) continue;
    const entry = await readQ2iEntry(store.kv, userId, settings.namespace);
    let why: Q2iUnit['why'] | null = q2iStaleness({ entry, history, policy: settings, now });
    if (!why && options.withLlm && entry?.mode === 'fallback') why = 'fallback-only';
    if (!why && options.force) why = 'forced';
    if (!why) continue;
    units.push({
      userId,
      items,
      seen: new Set(history.events.map((event) => event.itemId)),
      basedOn: history.lastTimestamp,
      why,
      previous: entry?.createdAt ?? 0,
    });
  }
  return units;
}

async function allUserIds(store: Store): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.users.list({ limit: 1000, cursor });
    ids.push(...page.rows.map((user) => user.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

export function q2iJob(options: {
  units: readonly Q2iUnit[];
  store: Store;
  catalog: Catalog;
  settings: Q2iSettings;
  embedder?: QueryEmbedder | null;
  now?: () => number;
}): LlmJob<Q2iUnit, Q2iEntry> {
  const { settings } = options;
  const now = options.now ?? Date.now;
  const retrieve = (unit: Q2iUnit, queries: Parameters<typeof retrieveQueries>[0]['queries']) =>
    retrieveQueries({
      store: options.store,
      catalog: options.catalog,
      embedder: options.embedder,
      queries,
      perQuery: settings.perQuery,
      exclude: unit.seen,
    });
  return {
    name: 'enrich-queries',
    version: '1',
    units: options.units,
    key: (unit) => `${unit.userId}@${unit.previous}`,
    prompts: (unit) => [
      {
        system: q2iSystem,
        prompt: q2iPrompt(labelHistory(unit.items), settings.queries),
        expectedOutputTokens: 60 + 25 * settings.queries,
      },
    ],
    async run(unit, llm) {
      const history = labelHistory(unit.items);
      const answer = await llm.json({
        system: q2iSystem,
        prompt: q2iPrompt(history, settings.queries),
        schema: q2iSchema(settings.queries),
        name: 'interest_queries',
        temperature: 0,
      });
      const queries = groundQ2iAnswer(answer.value, history, settings.queries);
      if (queries.length === 0) throw new Error('the model wrote no usable query');
      return {
        userId: unit.userId,
        mode: 'llm',
        model: answer.model,
        profile: answer.value.profile.trim(),
        queries: await retrieve(unit, queries),
        createdAt: now(),
        basedOn: unit.basedOn,
      };
    },
    async fallback(unit, reason) {
      const queries = interestQueries({ items: unit.items, k: settings.queries });
      return {
        userId: unit.userId,
        mode: 'fallback',
        model: null,
        profile: `Interest terms from the history (fallback, ${reason.split(':')[0]}): ${queries.map((query) => query.text).join('; ')}`,
        queries: await retrieve(unit, queries),
        createdAt: now(),
        basedOn: unit.basedOn,
      };
    },
    async apply(_unit, entry, context) {
      await writeQ2iEntry(context.store.kv, entry, {
        ttlMs: settings.ttlMs,
        namespace: settings.namespace ?? q2iNamespace,
      });
    },
  };
}

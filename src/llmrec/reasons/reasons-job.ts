// `lmrec enrich reasons`: personalised reasons for each user's current recommendations, on the job runner. The LLM
// writes them from the user's history and the items' attributes (grounded: only history ids as evidence); without
// an LLM the attribute-overlap writer does. Results go to the reasons cache that the explain stage reads.

import { createHash } from 'node:crypto';
import type { Item } from '../../core/types.ts';
import type { Catalog } from '../../pipeline/catalog.ts';
import { type ReasonsEntry, reasonsNamespace, writeReasons } from '../../pipeline/reasons-cache.ts';
import type { Language } from '../../pipeline/types.ts';
import { UserHistory } from '../../pipeline/user-history.ts';
import type { Store } from '../../store/store.ts';
import { labelHistory } from '../history-labels.ts';
import type { LlmJob } from '../jobs/llm-job.ts';
import { attributeReasons } from './attribute-reasons.ts';
import { reasonsPrompt, reasonsSystem } from './reason-prompt.ts';
import { writeReasonsWithLlm } from './write-reasons.ts';

export interface ReasonsUnit {
  userId: string;
  history: Item[];
  targets: Item[];
}

/** Units for users: their positive history and the items `recommend` returns for them (the served list). */
export async function selectReasonUnits(options: {
  store: Store;
  catalog: Catalog;
  userIds: readonly string[];
  recommend: (userId: string) => Promise<string[]>;
  historyItems?: number;
}): Promise<ReasonsUnit[]> {
  const types = await options.store.feedback.types();
  const items = (ids: readonly string[]) =>
    ids.map((id) => options.catalog.get(id)?.item).filter((item): item is Item => item !== undefined);
  const units: ReasonsUnit[] = [];
  for (const userId of options.userIds) {
    const history = UserHistory.fromFeedback(await options.store.feedback.forUser(userId, { limit: 200 }), types);
    const positives = items(history.positives(options.historyItems ?? 15).map((event) => event.itemId));
    if (positives.length === 0) continue;
    const targets = items(await options.recommend(userId));
    if (targets.length) units.push({ userId, history: positives, targets });
  }
  return units;
}

export function reasonsJob(options: {
  units: readonly ReasonsUnit[];
  languages: readonly Language[];
  namespace?: string;
  now?: () => number;
}): LlmJob<ReasonsUnit, ReasonsEntry> {
  const { languages } = options;
  const now = options.now ?? Date.now;
  return {
    name: 'enrich-reasons',
    version: `1:${languages.join(',')}`,
    units: options.units,
    // The list and history it was written for: a new list or new history is a new unit.
    key: (unit) =>
      `${unit.userId}:${createHash('sha1')
        .update([...unit.targets, ...unit.history].map((item) => item.id).join(','))
        .digest('hex')
        .slice(0, 12)}`,
    prompts: (unit) => [
      {
        system: reasonsSystem,
        prompt: reasonsPrompt({ history: labelHistory(unit.history), targets: unit.targets, languages }),
        expectedOutputTokens: unit.targets.length * 40 * languages.length,
      },
    ],
    async run(unit, llm) {
      const result = await writeReasonsWithLlm(llm, { history: unit.history, targets: unit.targets, languages });
      if (Object.keys(result.reasons).length === 0) throw new Error('no grounded reason in the answer');
      return { userId: unit.userId, model: result.model, createdAt: now(), items: result.reasons };
    },
    fallback: (unit) => ({
      userId: unit.userId,
      model: null,
      createdAt: now(),
      items: attributeReasons({ history: unit.history, targets: unit.targets, languages }),
    }),
    async apply(_unit, entry, context) {
      await writeReasons(context.store.kv, entry, { namespace: options.namespace ?? reasonsNamespace });
    },
  };
}

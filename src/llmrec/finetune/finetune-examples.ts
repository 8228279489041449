// Instruction data for fine-tuning a recommender LLM from the feedback logs:
// - yes/no preference (TALLRec, Bao et al. 2023): a user's earlier liked items → "Will the user like X?" Yes/No,
//   positives from their positive events, negatives from items shown to them without a later positive;
// - listwise ranking: the same history and a shuffled candidate list (the target plus negatives) → the ids in order.
// Deterministic for a seed; each user's held-out test items never appear, neither as history, target nor candidate.

import { createRandom, hashString, type Random, shuffle } from '../../core/random.ts';
import type { Item } from '../../core/types.ts';
import type { ChatExample } from '../../llm/fine-tune/training-data.ts';
import type { Timeline } from './user-timelines.ts';

export type FinetuneTask = 'yesno' | 'listwise';

export interface FinetuneOptions {
  task: FinetuneTask;
  seed: number;
  /** Items of history per example, most recent last (default 10). */
  history?: number;
  /** Earlier positives a target needs (default 2). */
  minHistory?: number;
  /** Yes/no: negatives per positive (default 1). Listwise: negatives per list (candidates - 1). */
  negatives?: number;
  /** Listwise: candidates per list (default 10). */
  candidates?: number;
  /** At most this many examples (a seeded sample keeps the balance). */
  limit?: number;
}

const yesNoSystem =
  'You are a recommender. Given the items a user liked, in order, answer whether they will like the target item. Answer Yes or No.';
const listwiseSystem =
  'You are a recommender. Given the items a user liked, in order, rank the candidate items from most to least likely to be chosen next. Answer with a JSON array of the candidate ids.';

export function finetuneExamples(
  timelines: readonly Timeline[],
  items: ReadonlyMap<string, Item>,
  options: FinetuneOptions,
): ChatExample[] {
  const historyLength = options.history ?? 10;
  const minHistory = options.minHistory ?? 2;
  const random = createRandom(hashString(`finetune:${options.task}`, options.seed >>> 0));
  const label = (itemId: string) => {
    const item = items.get(itemId);
    return item ? `${item.title}${item.categories.length ? ` [${item.categories.at(-1)}]` : ''}` : itemId;
  };
  const pool = [...items.keys()].sort();
  const examples: ChatExample[] = [];
  for (const timeline of timelines) {
    const forbidden = timeline.test;
    timeline.positives.forEach((target, index) => {
      if (index < minHistory) return;
      const history = timeline.positives.slice(Math.max(0, index - historyLength), index).map((p) => p.itemId);
      const historyText = history.map((id, k) => `${k + 1}. ${label(id)}`).join('\n');
      const interacted = new Set([...timeline.positives.map((p) => p.itemId), ...forbidden]);
      if (options.task === 'yesno') {
        examples.push(yesNo(historyText, label(target.itemId), 'Yes'));
        const negatives = pickNegatives(timeline, target.timestamp, options.negatives ?? 1, random);
        for (const negative of negatives) examples.push(yesNo(historyText, label(negative), 'No'));
        return;
      }
      const size = options.candidates ?? 10;
      const shown = pickNegatives(timeline, Number.POSITIVE_INFINITY, size - 1, random);
      const others = sampleUnseen(pool, interacted, new Set(shown), size - 1 - shown.length, random);
      const ranked = [target.itemId, ...shown, ...others];
      const candidates = [...ranked];
      shuffle(candidates, random);
      examples.push({
        messages: [
          { role: 'system', content: listwiseSystem },
          {
            role: 'user',
            content: `Liked items:\n${historyText}\n\nCandidates:\n${candidates.map((id) => `- ${id}: ${label(id)}`).join('\n')}`,
          },
          { role: 'assistant', content: JSON.stringify(ranked) },
        ],
      });
    });
  }
  if (options.limit !== undefined && examples.length > options.limit) {
    shuffle(examples, random);
    examples.length = options.limit;
  }
  return examples;
}

function yesNo(history: string, target: string, answer: 'Yes' | 'No'): ChatExample {
  return {
    messages: [
      { role: 'system', content: yesNoSystem },
      { role: 'user', content: `Liked items:\n${history}\n\nWill the user like the target item "${target}"?` },
      { role: 'assistant', content: answer },
    ],
  };
}

/** Up to `count` of the user's negatives (seeded), preferring those shown before `before`. */
function pickNegatives(timeline: Timeline, before: number, count: number, random: Random): string[] {
  const earlier = timeline.negatives.filter((n) => n.timestamp <= before).map((n) => n.itemId);
  const candidates = earlier.length >= count ? earlier : timeline.negatives.map((n) => n.itemId);
  const copy = [...candidates];
  shuffle(copy, random);
  return copy.slice(0, Math.max(0, count));
}

/** Catalog items the user never touched (nor their test items), for lists short of shown negatives. */
function sampleUnseen(
  pool: readonly string[],
  interacted: ReadonlySet<string>,
  taken: ReadonlySet<string>,
  count: number,
  random: Random,
): string[] {
  const out = new Set<string>();
  for (let tries = 0; out.size < count && tries < count * 20 && pool.length; tries++) {
    const id = pool[random.int(pool.length)];
    if (!interacted.has(id) && !taken.has(id)) out.add(id);
  }
  return [...out];
}

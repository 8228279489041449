// Stage 2, merge: one candidate per item, remembering every source that recalled it (score, rank, evidence).

import type { Candidate } from '../types.ts';
import type { RecallList } from './recall.ts';

export function merge(lists: readonly RecallList[]): Candidate[] {
  const byId = new Map<string, Candidate>();
  for (const list of lists) {
    list.items.forEach((item, rank) => {
      let candidate = byId.get(item.id);
      if (!candidate) {
        candidate = { id: item.id, sources: [], evidence: new Map(), score: 0, boosts: [], propensity: 1 };
        byId.set(item.id, candidate);
      }
      if (candidate.sources.some((entry) => entry.source === list.source.name)) return;
      candidate.sources.push({
        source: list.source.name,
        reason: list.source.reason,
        score: item.score,
        rank,
        weight: list.source.weight,
      });
      if (item.evidence?.length) candidate.evidence.set(list.source.name, item.evidence);
    });
  }
  return [...byId.values()];
}

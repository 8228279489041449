// Stage 2, merge: one candidate per item, remembering every source that recalled it (score, rank, evidence).

import type { Candidate } from '../types.ts';
import type { RecallList } from './recall.ts';

/** The evidence of candidates no source gave evidence for: one shared empty map (only merge writes evidence, and it
 * replaces this one before writing), so the many candidates without evidence allocate nothing. */
const noEvidence: Map<string, string[]> = new Map();

export function merge(lists: readonly RecallList[]): Candidate[] {
  const byId = new Map<string, Candidate>();
  for (const list of lists) {
    const { name, reason, weight } = list.source;
    const items = list.items;
    for (let rank = 0; rank < items.length; rank++) {
      const item = items[rank];
      let candidate = byId.get(item.id);
      if (!candidate) {
        candidate = { id: item.id, sources: [], evidence: noEvidence, score: 0, boosts: [], propensity: 1 };
        byId.set(item.id, candidate);
      } else if (candidate.sources.at(-1)?.source === name) continue; // a source listing an item twice
      candidate.sources.push({ source: name, reason, score: item.score, rank, weight });
      if (item.evidence?.length) {
        if (candidate.evidence === noEvidence) candidate.evidence = new Map();
        candidate.evidence.set(name, item.evidence);
      }
    }
  }
  return [...byId.values()];
}

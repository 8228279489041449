// Stage 3, rank: score fusion across sources. RRF (Cormack, Clarke & Büttcher 2009) needs no score calibration;
// `weighted` min-max normalises each source's scores and sums them times the source weights.

import type { Candidate } from '../types.ts';

export function rank(
  candidates: Candidate[],
  options: { fusion: 'rrf' | 'weighted'; rrfK: number; keep: number },
): Candidate[] {
  if (options.fusion === 'rrf') {
    for (const candidate of candidates) {
      let score = 0;
      for (const entry of candidate.sources) score += entry.weight / (options.rrfK + entry.rank + 1);
      candidate.score = score;
    }
  } else {
    const ranges = new Map<string, { min: number; max: number }>();
    for (const candidate of candidates) {
      for (const entry of candidate.sources) {
        const range = ranges.get(entry.source);
        if (!range) ranges.set(entry.source, { min: entry.score, max: entry.score });
        else {
          range.min = Math.min(range.min, entry.score);
          range.max = Math.max(range.max, entry.score);
        }
      }
    }
    for (const candidate of candidates) {
      let score = 0;
      for (const entry of candidate.sources) {
        const range = ranges.get(entry.source)!;
        const normalised = range.max > range.min ? (entry.score - range.min) / (range.max - range.min) : 1;
        score += entry.weight * normalised;
      }
      candidate.score = score;
    }
  }
  candidates.sort(byScore);
  return candidates.slice(0, options.keep);
}

/** Best first; ties by id, so one input always gives one order. */
export function byScore(a: Candidate, b: Candidate): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A source's share of a candidate's fused score (RRF term), to pick the main source and order reasons. */
export function contribution(entry: Candidate['sources'][number], rrfK: number): number {
  return entry.weight / (rrfK + entry.rank + 1);
}

// Stage 3b, learned rank: when the pipeline has a Ranker (src/models/ranking), the fused candidates are re-scored
// by it — pCTR/pCVR from user, item, context and the recall sources' scores, combined by its objective — and
// re-sorted. Items the ranker was not trained on keep their fused order, after the scored ones.

import type { Ranker } from '../../models/ranking/ranker.ts';
import type { Candidate } from '../types.ts';
import type { UserHistory } from '../user-history.ts';
import { byScore } from './rank.ts';

export function learnedRank(
  candidates: Candidate[],
  options: { ranker: Ranker; userId: string | null; history: UserHistory; time: number; device?: string },
): Candidate[] {
  const { ranker } = options;
  const known = candidates.filter((candidate) => ranker.knows(candidate.id));
  const unknown = candidates.filter((candidate) => !ranker.knows(candidate.id));
  const userId = options.userId ?? 'anonymous';
  // The history is newest first; the ranker replays it oldest first.
  const history = [...options.history.events].reverse().map((event) => ({ ...event, userId }));
  const scores = ranker.score({
    userId: options.userId,
    history,
    time: options.time,
    device: options.device,
    candidates: known.map((candidate) => ({
      itemId: candidate.id,
      sources: Object.fromEntries(candidate.sources.map((entry) => [entry.source, entry.score])),
    })),
  });
  known.forEach((candidate, index) => {
    candidate.score = scores[index];
  });
  known.sort(byScore);
  // Below every scored item, in fused order.
  const floor = known.length ? Math.min(...scores) : 0;
  unknown.forEach((candidate, index) => {
    candidate.score = floor - 1 - index;
  });
  return [...known, ...unknown];
}

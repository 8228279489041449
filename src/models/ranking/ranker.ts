// The ranker spec: the pipeline's rank stage hands a request's candidates (with the scores their recall sources gave
// them) to a Ranker and orders them by its scores. Imports nothing but core types, so any ranker can plug in.

import type { Feedback } from '../../core/types.ts';
import type { ModelSnapshot } from '../recommender.ts';

/** One candidate item of a request. */
export interface RankCandidate {
  itemId: string;
  /** Scores from the recall sources that proposed it, by source name (missing sources count as absent). */
  sources?: Readonly<Record<string, number>>;
}

/** What a ranker sees of a request. */
export interface RankRequest {
  /** The user, or null for an anonymous session. */
  userId: string | null;
  /** The user's (or session's) recent events, oldest first: personal features are computed from them. */
  history?: readonly Feedback[];
  /** Request time, milliseconds since the epoch. */
  time: number;
  /** `mobile` or `desktop` when known. */
  device?: string;
  candidates: readonly RankCandidate[];
}

export interface Ranker {
  readonly name: string;
  /** One score per candidate, in the request's order; higher ranks first. Unknown items are an InvalidInputError. */
  score(request: RankRequest): Float32Array;
  /** True when the ranker can score the item (it was in the catalog it was trained on). */
  knows(itemId: string): boolean;
  /** The state to save; the ranker's `load` restores it. */
  snapshot(): ModelSnapshot;
}

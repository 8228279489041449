// Session-based kNN with sequence and position awareness: V-SKNN (Ludewig & Jannach 2018) and STAN (Garg et al.
// 2019). Every training user's sequence is a past session. For the current sequence s:
//   sim(s, n) = Σ_{i ∈ s ∩ n} w₁(i) / √(|s| · |n|),   w₁(i) = exp(−(|s| − pos_s(i)) / λ₁)   (recent items count more)
//   score(j)  = Σ_{n ∈ top-k} sim(s, n) · exp(−|pos_n(j) − pos_n(m)| / λ₃)
// where m is the most recent item of s that n holds: items that n took near the point where it matches s score higher.
// Neighbour candidates are the sessions holding one of s's recent items (the most recent `sampleSize` of them).

import type { Dataset } from '../../core/dataset.ts';
import { requireRange, resolveParams } from '../params.ts';
import type { FitOptions, ModelSnapshot, Recommender, UserRef } from '../recommender.ts';
import type { UserHistories } from '../user-history.ts';
import { SequenceModel, sequenceData, sequenceDataFromSnapshot } from './sequence-model.ts';

export const sessionKnnDefaults = {
  /** Neighbour sessions whose items are scored. */
  neighbours: 100,
  /** Candidate sessions per query: the latest sessions holding one of its recent items. */
  sampleSize: 1000,
  /** The query's most recent items that are matched. */
  recentItems: 50,
  /** λ₁: the decay, in items, of a query item's weight with its distance from the newest item (0: no decay). */
  queryDecay: 4,
  /** λ₃: the decay, in positions, of a neighbour item's score with its distance from the matched item (0: none). */
  positionDecay: 8,
};

export type SessionKnnParams = typeof sessionKnnDefaults;

export class SessionKnnModel extends SequenceModel {
  readonly name = 'session-knn';
  /** Per item, the global positions (into the histories' item array) where it occurs, latest session first. */
  readonly #occurrences: { indptr: Int32Array; positions: Int32Array };
  /** Owner session of each global position. */
  readonly #owner: Int32Array;
  readonly #lastTime: Float64Array;
  readonly #knn: SessionKnnParams;
  readonly #similarity: Float64Array;
  readonly #matched: Int32Array;
  readonly #touched: Int32Array;
  /** The training user being scored (never its own neighbour), or −1 for an anonymous session. */
  #self = -1;

  constructor(options: {
    params: SessionKnnParams;
    histories: UserHistories;
    popularity: Float32Array;
    /** Per session, the time of its latest item (orders candidate sessions, newest first). */
    lastTime: Float64Array;
  }) {
    super(options);
    this.#knn = options.params;
    this.#lastTime = options.lastTime;
    const { indptr, indices } = this.histories;
    const sessions = this.histories.userCount;
    this.#owner = new Int32Array(indices.length);
    for (let session = 0; session < sessions; session++)
      this.#owner.fill(session, indptr[session], indptr[session + 1]);
    this.#occurrences = occurrenceLists(indices, this.#owner, this.itemCount, options.lastTime);
    this.#similarity = new Float64Array(sessions);
    this.#matched = new Int32Array(sessions).fill(-1);
    this.#touched = new Int32Array(sessions);
  }

  protected override scoreAll(user: UserRef, out: Float32Array): void {
    this.#self = typeof user === 'number' ? user : -1;
    super.scoreAll(user, out);
  }

  protected scoreSequence(sequence: Int32Array, out: Float32Array): void {
    const { neighbours, sampleSize, recentItems, queryDecay, positionDecay } = this.#knn;
    const { indptr, indices } = this.histories;
    const similarity = this.#similarity;
    const matched = this.#matched;
    const touched = this.#touched;
    let touchedCount = 0;
    const recent = sequence.subarray(Math.max(0, sequence.length - recentItems));
    const length = recent.length;
    // Newest first, so `matched` keeps each session's most recent shared item.
    for (let q = length - 1; q >= 0; q--) {
      const weight = queryDecay > 0 ? Math.exp(-(length - 1 - q) / queryDecay) : 1;
      const item = recent[q];
      const start = this.#occurrences.indptr[item];
      const end = Math.min(this.#occurrences.indptr[item + 1], start + sampleSize);
      for (let k = start; k < end; k++) {
        const position = this.#occurrences.positions[k];
        const session = this.#owner[position];
        if (matched[session] < 0) {
          matched[session] = position;
          touched[touchedCount++] = session;
        }
        similarity[session] += weight;
      }
    }
    // The top-k sessions by cosine-normalised similarity.
    const candidates: number[] = [];
    for (let t = 0; t < touchedCount; t++) {
      const session = touched[t];
      if (session === this.#self) continue;
      const size = indptr[session + 1] - indptr[session];
      similarity[session] /= Math.sqrt(length * size);
      candidates.push(session);
    }
    candidates.sort((a, b) => similarity[b] - similarity[a] || this.#lastTime[b] - this.#lastTime[a] || a - b);
    out.fill(0);
    for (const session of candidates.slice(0, neighbours)) {
      const weight = similarity[session];
      const anchor = matched[session];
      for (let position = indptr[session]; position < indptr[session + 1]; position++) {
        const distance = Math.abs(position - anchor);
        out[indices[position]] += positionDecay > 0 ? weight * Math.exp(-distance / positionDecay) : weight;
      }
    }
    for (let t = 0; t < touchedCount; t++) {
      similarity[touched[t]] = 0;
      matched[touched[t]] = -1;
    }
  }

  snapshot(): ModelSnapshot {
    return {
      name: this.name,
      params: { ...this.params },
      meta: {},
      arrays: { ...this.sequenceArrays(), lastTime: this.#lastTime },
    };
  }
}

/** Per item, the positions where it occurs, sessions with the latest activity first. */
function occurrenceLists(
  indices: Int32Array,
  owner: Int32Array,
  itemCount: number,
  lastTime: Float64Array,
): { indptr: Int32Array; positions: Int32Array } {
  const indptr = new Int32Array(itemCount + 1);
  for (const item of indices) indptr[item + 1]++;
  for (let item = 0; item < itemCount; item++) indptr[item + 1] += indptr[item];
  const order = Array.from({ length: indices.length }, (_, position) => position);
  order.sort((a, b) => lastTime[owner[b]] - lastTime[owner[a]] || owner[a] - owner[b] || a - b);
  const cursor = indptr.slice(0, itemCount);
  const positions = new Int32Array(indices.length);
  for (const position of order) positions[cursor[indices[position]]++] = position;
  return { indptr, positions };
}

async function fit(dataset: Dataset, given: Partial<SessionKnnParams> = {}, _options: FitOptions = {}) {
  const params = resolveParams({ model: 'session-knn', defaults: sessionKnnDefaults, given });
  requireRange('session-knn', params, {
    neighbours: [1, 1e7],
    sampleSize: [1, 1e9],
    recentItems: [1, 1e6],
    queryDecay: [0, 1e9],
    positionDecay: [0, 1e9],
  });
  const lastTime = new Float64Array(dataset.userCount);
  const { indptr, times } = dataset.byUser;
  for (let user = 0; user < dataset.userCount; user++) {
    if (indptr[user + 1] > indptr[user]) lastTime[user] = times[indptr[user + 1] - 1];
  }
  return new SessionKnnModel({ params, lastTime, ...sequenceData(dataset) });
}

export const sessionKnn: Recommender<SessionKnnParams> = {
  name: 'session-knn',
  defaults: sessionKnnDefaults,
  fit,
  load: (snapshot) =>
    new SessionKnnModel({
      params: snapshot.params as SessionKnnParams,
      lastTime: snapshot.arrays.lastTime as Float64Array,
      ...sequenceDataFromSnapshot(snapshot),
    }),
};

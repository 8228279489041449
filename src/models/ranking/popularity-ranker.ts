// The baseline ranker: candidates ordered by their recent popularity (time-decayed clicks, the same state the
// learned ranker's features read), the same for every user.

import type { ModelSnapshot } from '../recommender.ts';
import type { BehaviourState } from './behaviour-state.ts';
import type { Ranker, RankRequest } from './ranker.ts';

export class PopularityRanker implements Ranker {
  readonly name = 'popularity-ranker';
  readonly state: BehaviourState;

  constructor(state: BehaviourState) {
    this.state = state;
  }

  score(request: RankRequest): Float32Array {
    const { catalog, itemClicks, itemHalfLife } = this.state;
    return Float32Array.from(request.candidates, (candidate) =>
      itemClicks[catalog.indexOf(candidate.itemId)].at(request.time, itemHalfLife),
    );
  }

  knows(itemId: string): boolean {
    return this.state.catalog.index.has(itemId);
  }

  snapshot(): ModelSnapshot {
    return {
      name: this.name,
      params: {},
      meta: { itemIds: this.state.catalog.items.map((item) => item.id) },
      arrays: {
        itemClicks: Float64Array.from(this.state.itemClicks, (entry) => entry.value),
        itemClickTimes: Float64Array.from(this.state.itemClicks, (entry) => entry.time),
      },
    };
  }
}

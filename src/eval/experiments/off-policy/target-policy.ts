// The policy being evaluated off-line: for each logged request's context, the probability that it shows each item
// at each position. A deterministic ranker puts probability 1 on its list; a stochastic one spreads it.

/** What a target policy does for one request. */
export interface PositionDistribution {
  probability(itemId: string, position: number): number;
  /** Every (item, position) with a positive probability. */
  entries: ReadonlyArray<{ itemId: string; position: number; probability: number }>;
}

/** The context of a logged request a target policy answers. */
export interface RequestContext {
  userId: string;
  time: number;
  device?: string;
}

export interface TargetPolicy {
  readonly name: string;
  distribution(context: RequestContext): PositionDistribution;
}

/** A deterministic list: item k at position k + 1 with probability 1. */
export function rankingDistribution(itemIds: readonly string[]): PositionDistribution {
  return {
    // Lists are short: a look at the position beats a map, in time and in memory.
    probability: (itemId, position) => (itemIds[position - 1] === itemId ? 1 : 0),
    entries: itemIds.map((itemId, index) => ({ itemId, position: index + 1, probability: 1 })),
  };
}

/** A policy from a function that ranks items for a context (a recommender's top-n). */
export function rankingPolicy(name: string, rank: (context: RequestContext) => readonly string[]): TargetPolicy {
  return { name, distribution: (context) => rankingDistribution(rank(context)) };
}

// User-to-user recall through the social graph: recent positive items of the users this user follows, weighted by
// the edge weight and by recency ("liked by people you follow").

import type { Store } from '../../store/store.ts';
import type { RecallContext, RecalledItem, RecallSource } from '../types.ts';

export class SocialSource implements RecallSource {
  readonly name: string;
  readonly reason = 'social';
  readonly weight: number;
  readonly quota: number;
  readonly #store: Store;
  readonly #neighbours: number;
  readonly #itemsPerNeighbour: number;
  #positiveTypes: string[] | null = null;

  constructor(options: {
    name: string;
    store: Store;
    weight: number;
    quota: number;
    /** Followed users read at most. */
    neighbours: number;
    /** Recent positive items per followed user. */
    itemsPerNeighbour: number;
  }) {
    this.name = options.name;
    this.#store = options.store;
    this.weight = options.weight;
    this.quota = options.quota;
    this.#neighbours = options.neighbours;
    this.#itemsPerNeighbour = options.itemsPerNeighbour;
  }

  async recall(context: RecallContext, quota: number): Promise<RecalledItem[]> {
    if (context.userId === null) return [];
    this.#positiveTypes ??= (await this.#store.feedback.types())
      .filter((type) => type.class === 'positive')
      .map((type) => type.name);
    const edges = (await this.#store.social.of(context.userId))
      .sort((a, b) => b.weight - a.weight)
      .slice(0, this.#neighbours);
    const scores = new Map<string, number>();
    const histories = await Promise.all(
      edges.map((edge) =>
        this.#store.feedback.forUser(edge.to, { limit: this.#itemsPerNeighbour, types: this.#positiveTypes! }),
      ),
    );
    histories.forEach((events, index) => {
      events.forEach((event, rank) => {
        if (context.exclude.has(event.itemId) || (context.allowed && !context.allowed.has(event.itemId))) return;
        scores.set(event.itemId, (scores.get(event.itemId) ?? 0) + edges[index].weight / (1 + rank));
      });
    });
    return [...scores]
      .map(([id, score]) => ({ id, score }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, quota);
  }
}

// Item-to-item recall from the user's recent items through a model's `similarItems`: item-to-item (e.g. itemknn),
// co-purchase (co-occurrence of purchases) and content similarity share this shape. Each candidate keeps the seed
// items that led to it, which become the evidence of "Because you viewed X".

import type { RecallContext, RecalledItem, RecallSource } from '../types.ts';

export class SimilarItemsSource implements RecallSource {
  readonly name: string;
  readonly reason: string;
  readonly weight: number;
  readonly quota: number;
  readonly key: string;
  readonly #recentItems: number;
  readonly #types: ReadonlySet<string> | undefined;

  constructor(options: {
    name: string;
    /** Key of the model in the bundle. */
    key: string;
    /** because (item-to-item), bought-together (co-purchase) or similar (content). */
    reason: string;
    weight: number;
    quota: number;
    /** How many recent positive items seed the search. */
    recentItems: number;
    /** Only seeds with these feedback types (co-purchase: purchase, cart). */
    types?: readonly string[];
  }) {
    this.name = options.name;
    this.key = options.key;
    this.reason = options.reason;
    this.weight = options.weight;
    this.quota = options.quota;
    this.#recentItems = options.recentItems;
    this.#types = options.types ? new Set(options.types) : undefined;
  }

  recall(context: RecallContext, quota: number): RecalledItem[] {
    const bundle = context.bundle;
    const model = bundle?.models.get(this.key);
    if (!bundle || !model) throw new Error(`model ${this.key} is not trained yet`);
    if (!model.similarItems) throw new Error(`model ${model.name} cannot find similar items`);
    const seeds = context.history
      .positives(Number.POSITIVE_INFINITY, this.#types)
      .filter((event) => bundle.items.has(event.itemId))
      .slice(0, this.#recentItems);
    // Accumulated in index space; ids are looked up only for the items returned.
    const excluded = new Set(context.indices?.exclude ?? bundle.indices(context.exclude));
    const allowed = context.allowed ? new Set(context.indices?.allowed ?? bundle.indices(context.allowed)) : null;
    const scores = new Map<number, { score: number; evidence: Array<{ seed: number; score: number }> }>();
    seeds.forEach((seed, rank) => {
      // Newer seeds count more: the session's intent drifts (a harmonic recency weight).
      const recency = 1 / (1 + rank);
      const seedIndex = bundle.items.indexOf(seed.itemId);
      // A fixed neighbourhood size per source, so that one item's neighbours serve every user (memoised per model).
      const similar = bundle.neighbours(this.key, seedIndex, quota * 2 + 20)!;
      for (let k = 0; k < similar.items.length; k++) {
        const item = similar.items[k];
        if (item === seedIndex || excluded.has(item) || (allowed && !allowed.has(item))) continue;
        const score = recency * similar.scores[k];
        const entry = scores.get(item);
        if (entry) {
          entry.score += score;
          entry.evidence.push({ seed: seedIndex, score });
        } else scores.set(item, { score, evidence: [{ seed: seedIndex, score }] });
      }
    });
    // The evidence leads with the seed that contributed most ("Because you viewed X" names the strongest link).
    return [...scores]
      .sort((a, b) => b[1].score - a[1].score || a[0] - b[0])
      .slice(0, quota)
      .map(([item, entry]) => ({
        id: bundle.items.idAt(item),
        score: entry.score,
        evidence: entry.evidence.sort((a, b) => b.score - a.score).map((link) => bundle.items.idAt(link.seed)),
      }));
  }
}

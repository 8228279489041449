// A fitted model as a recall source: `any fitted model`, and popularity / trending / latest (the same shape, a
// different reason). Personal models see the user's training index or a fold-in of the live history.

import type { RecallContext, RecalledItem, RecallSource } from '../types.ts';

/** Models whose lists are the same for everyone (they also answer users with no history). */
const reasonOfModel: Record<string, string> = { popularity: 'popular', trending: 'trending', latest: 'new' };

export class ModelSource implements RecallSource {
  readonly name: string;
  readonly reason: string;
  readonly weight: number;
  readonly quota: number;
  /** The model's key in the bundle. */
  readonly key: string;

  constructor(options: {
    name: string;
    /** Key of the model in the bundle. */
    key: string;
    /** The registry name (picks the reason kind when `reason` is not given). */
    model: string;
    reason?: string;
    weight: number;
    quota: number;
  }) {
    this.name = options.name;
    this.key = options.key;
    this.reason = options.reason ?? reasonOfModel[options.model] ?? 'personal';
    this.weight = options.weight;
    this.quota = options.quota;
  }

  get personal(): boolean {
    return this.reason === 'personal';
  }

  recall(context: RecallContext, quota: number): RecalledItem[] {
    const bundle = context.bundle;
    const model = bundle?.models.get(this.key);
    if (!bundle || !model) throw new Error(`model ${this.key} is not trained yet`);
    if (!this.personal && !context.allowed) {
      const shared = this.#fromGlobalList(context, quota);
      if (shared) return shared;
    }
    let user = bundle.userRef(context.userId, context.history);
    if (user === null) {
      if (this.personal) return [];
      user = { history: new Int32Array(0) };
    }
    const exclude = context.indices?.exclude ?? bundle.indices(context.exclude);
    const candidates = context.allowed ? (context.indices?.allowed ?? bundle.indices(context.allowed)) : undefined;
    if (candidates && candidates.length === 0) return [];
    const result = model.recommend(user, quota, { exclude, candidates });
    const evidence = this.personal ? context.history.positives(2).map((event) => event.itemId) : undefined;
    const out: RecalledItem[] = [];
    for (let k = 0; k < result.items.length; k++) {
      out.push({ id: bundle.items.idAt(result.items[k]), score: result.scores[k], evidence });
    }
    return out;
  }

  /**
   * Non-personal lists are the same for everyone: one list per model (a few times the quota), filtered per request.
   * Null when the exclusions leave too few (the model is then asked directly).
   */
  #fromGlobalList(context: RecallContext, quota: number): RecalledItem[] | null {
    const bundle = context.bundle!;
    const list = bundle.globalList(this.key, quota * 4);
    if (!list) return null;
    const out: RecalledItem[] = [];
    for (let k = 0; k < list.items.length && out.length < quota; k++) {
      const id = bundle.items.idAt(list.items[k]);
      if (!context.exclude.has(id)) out.push({ id, score: list.scores[k] });
    }
    return out.length === quota || list.items.length < quota * 4 ? out : null;
  }
}

// The fallback chain: when the pipeline has too few items (a new user, a failed or slow stage), trending → popular →
// latest fill the list, through the same filters and the per-category cap. The catalog's newest available items are
// the last resort; then the cap and at last the seen-filter are relaxed, so the list is never empty while the catalog
// has available items.

import type { ScoredItems } from '../../models/recommender.ts';
import type { Catalog } from '../catalog.ts';
import type { ModelBundle } from '../model-bundle.ts';
import type { Candidate } from '../types.ts';
import type { ItemFilter } from './filters.ts';

export function fillFromFallback(options: {
  list: Candidate[];
  /** Length the list should reach. */
  target: number;
  /** Fallback kinds in order, with the bundle key of each kind's model (absent when not trained). */
  chain: ReadonlyArray<{ kind: string; key: string | undefined }>;
  bundle: ModelBundle | null;
  catalog: Catalog;
  filter: ItemFilter;
  /** At most this many items of one leaf category, as in the rerank stage (null or absent: no cap). */
  categoryCap?: number | null;
}): string[] {
  const { list, target, bundle, catalog } = options;
  const used: string[] = [];
  if (list.length >= target) return used;
  const present = new Set(list.map((candidate) => candidate.id));
  const perCategory = new Map<string, number>();
  const leafOf = (id: string) => catalog.get(id)?.leafCategory ?? null;
  const count = (id: string) => {
    const leaf = leafOf(id);
    if (leaf !== null) perCategory.set(leaf, (perCategory.get(leaf) ?? 0) + 1);
  };
  for (const candidate of list) count(candidate.id);
  let cap = options.categoryCap ?? Number.POSITIVE_INFINITY;
  let floor = list.length ? list[list.length - 1].score : 1;
  const append = (id: string, kind: string, score: number, rank: number) => {
    floor *= 0.99;
    present.add(id);
    count(id);
    list.push({
      id,
      sources: [{ source: kind, reason: kind === 'latest' ? 'new' : kind, score, rank, weight: 0 }],
      evidence: new Map(),
      score: floor,
      boosts: [],
      propensity: 1,
    });
  };
  const take = (kind: string, ids: Iterable<{ id: string; score: number }>, filter: ItemFilter) => {
    let rank = 0;
    const before = list.length;
    for (const { id, score } of ids) {
      if (list.length >= target) break;
      if (present.has(id) || !filter.accepts(id)) continue;
      const leaf = leafOf(id);
      if (leaf !== null && (perCategory.get(leaf) ?? 0) >= cap) continue;
      append(id, kind, score, rank++);
    }
    if (list.length > before && !used.includes(kind)) used.push(kind);
  };
  const runChain = () => {
    for (const { kind, key } of options.chain) {
      if (list.length >= target) return;
      const model = key ? bundle?.models.get(key) : undefined;
      if (model && bundle && key) {
        try {
          // The shared global list first; the model is asked directly only when filters leave it short.
          const shared = options.filter.allowed ? null : bundle.globalList(key, 200);
          if (shared) take(kind, scored(bundle, shared), options.filter);
          if (list.length < target) {
            const exclude = bundle.indices([...options.filter.excluded, ...present]);
            const candidates = options.filter.allowed ? bundle.indices(options.filter.allowed) : undefined;
            const result = model.recommend({ history: new Int32Array(0) }, target * 2 + 10, { exclude, candidates });
            take(kind, scored(bundle, result), options.filter);
          }
        } catch {
          // A broken fallback model must not break the fallback: the next kind (and the catalog) follow.
        }
      } else if (kind === 'latest') {
        take(kind, newestOf(catalog), options.filter);
      }
    }
  };
  runChain();
  if (list.length < target) take('latest', newestOf(catalog), options.filter);
  if (list.length < target && cap !== Number.POSITIVE_INFINITY) {
    cap = Number.POSITIVE_INFINITY;
    runChain();
  }
  if (list.length < target) take('latest', newestOf(catalog), options.filter);
  if (list.length < target) take('latest', newestOf(catalog), options.filter.relaxed());
  return used;
}

function scored(bundle: ModelBundle, result: ScoredItems): Array<{ id: string; score: number }> {
  return Array.from(result.items, (item, k) => ({ id: bundle.items.idAt(item), score: result.scores[k] }));
}

function* newestOf(catalog: Catalog): Iterable<{ id: string; score: number }> {
  for (const id of catalog.newest()) yield { id, score: catalog.get(id)?.item.createdAt ?? 0 };
}

// Items that go with an item: category relations with fit rules when the store has them (kv `assistant` or `demo`,
// key `complements`: a pad that fits the tent, fuel for the stove), then what shoppers actually bought together.

import type { Item } from '../../../core/types.ts';
import { type ComplementRelation, itemsFit } from '../../../data/demo/complements.ts';
import type { KeyValueRepository } from '../../../store/store.ts';
import type { CatalogIndex } from '../catalog-index.ts';
import type { ComplementHit } from '../shop-port.ts';
import type { InteractionStats } from './interaction-stats.ts';

/** The complement relations a store declares: an offline job's (`assistant`) first, else the demo shop's. */
export async function loadComplementRelations(kv: KeyValueRepository): Promise<ComplementRelation[]> {
  for (const namespace of ['assistant', 'demo']) {
    const relations = await kv.get<ComplementRelation[]>(namespace, 'complements');
    if (Array.isArray(relations) && relations.length) return relations;
  }
  return [];
}

export interface ComplementFinderOptions {
  index: CatalogIndex;
  relations: readonly ComplementRelation[];
  stats: InteractionStats;
  /** Language of the reasons. */
  language?: 'en' | 'zh';
  /** Only these categories: every fitting item of them, strongest relation first. */
  categories?: readonly string[];
}

export function findComplements(itemId: string, limit: number, options: ComplementFinderOptions): ComplementHit[] {
  const { index, stats } = options;
  const item = index.get(itemId);
  const category = index.categoryKey(itemId);
  if (!item || !category) return [];
  const popularity = (id: string) => stats.popularity[id] ?? 0;
  const out = new Map<string, ComplementHit>();
  const wanted = options.categories ? new Set(options.categories) : null;
  const relations = options.relations
    .filter((relation) => relation.from === category || relation.to === category)
    .filter((relation) => !wanted || wanted.has(relation.from === category ? relation.to : relation.from))
    .sort((a, b) => b.strength - a.strength);
  // Round-robin over related categories, strongest relation first, so one category does not fill the list.
  const perRelation = relations.map((relation) => {
    const other = relation.from === category ? relation.to : relation.from;
    const fitting = index
      .members(other)
      .filter((candidate) => candidate.available && fits(relation, item, candidate, index))
      .sort((a, b) => popularity(b.id) - popularity(a.id) || (a.id < b.id ? -1 : 1));
    const reason = options.language === 'zh' ? relation.reason.zh : relation.reason.en;
    const fitted = relation.fit.length > 0 ? { fitted: true } : {};
    return fitting.map((candidate) => ({ id: candidate.id, score: relation.strength, reason, ...fitted }));
  });
  for (let depth = 0; out.size < limit && perRelation.some((list) => list.length > depth); depth++)
    for (const list of perRelation) {
      const hit = list[depth];
      if (hit && !out.has(hit.id) && out.size < limit) out.set(hit.id, { ...hit, score: hit.score / (depth + 1) });
    }
  const together = options.language === 'zh' ? '常被一起购买' : 'often bought together';
  for (const [other, count] of stats.coPurchases[itemId] ?? []) {
    if (out.size >= limit) break;
    const candidate = index.get(other);
    if (!candidate?.available || out.has(other) || index.categoryKey(other) === category) continue;
    if (wanted && !wanted.has(index.categoryKey(other) ?? '')) continue;
    out.set(other, { id: other, score: count / 100, reason: together });
  }
  return [...out.values()];
}

function fits(relation: ComplementRelation, item: Item, candidate: Item, index: CatalogIndex): boolean {
  if (relation.fit.length === 0) return true;
  // itemsFit orients the pair by `category_id`; catalogs without that attribute get their category keys here.
  const withKey = (entry: Item) => ({ attributes: { ...entry.attributes, category_id: index.categoryKey(entry.id) } });
  return itemsFit(relation, withKey(item), withKey(candidate));
}

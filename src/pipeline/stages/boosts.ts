// Rerank boosts: new arrivals (scaled by freshness), seasonal items, pinned items, and new items of brands the user
// already likes. Each multiplies the fused score by (1 + weight) (pinned items go above the best score) and leaves a
// mark that explain turns into a reason.

import type { PipelineConfig } from '../../core/config/serving.ts';
import type { Catalog, CatalogItem } from '../catalog.ts';
import type { Candidate } from '../types.ts';
import type { UserHistory } from '../user-history.ts';

const day = 86_400_000;

/** Names of the season in the northern hemisphere for a month (0-11), in English and Chinese. */
export function seasonNames(month: number): string[] {
  if (month === 11 || month <= 1) return ['winter', '冬季', '冬'];
  if (month <= 4) return ['spring', '春季', '春'];
  if (month <= 7) return ['summer', '夏季', '夏'];
  return ['autumn', 'fall', '秋季', '秋'];
}

export function applyBoosts(options: {
  candidates: Candidate[];
  catalog: Catalog;
  history: UserHistory;
  boosts: PipelineConfig['rerank']['boosts'];
  pinned: ReadonlySet<string>;
  now: number;
}): void {
  const { candidates, catalog, history, boosts, pinned, now } = options;
  const month = new Date(now).getMonth();
  const season = new Set(seasonNames(month));
  const likedBrands = new Set<string>();
  for (const event of history.positives(50)) {
    const brand = catalog.get(event.itemId)?.brand;
    if (brand) likedBrands.add(brand);
  }
  const window = boosts.newArrivals.days * day;
  let best = 0;
  for (const candidate of candidates) best = Math.max(best, candidate.score);
  for (const candidate of candidates) {
    const entry = catalog.get(candidate.id);
    if (!entry) continue;
    const createdAt = entry.item.createdAt ?? null;
    const age = createdAt === null ? Number.POSITIVE_INFINITY : now - createdAt;
    const isNew = window > 0 && age >= 0 && age <= window;
    let factor = 1;
    if (isNew && boosts.newArrivals.weight) {
      factor *= 1 + boosts.newArrivals.weight * (1 - age / window);
      candidate.boosts.push('new');
    }
    if (isNew && entry.brand && likedBrands.has(entry.brand) && boosts.likedBrand.weight) {
      factor *= 1 + boosts.likedBrand.weight;
      candidate.boosts.push('brand');
    }
    if (boosts.seasonal.weight && inSeason(entry, month, season)) {
      factor *= 1 + boosts.seasonal.weight;
      candidate.boosts.push('seasonal');
    }
    candidate.score *= factor;
    if (pinned.has(candidate.id)) {
      // Above every unpinned candidate (whose boosts are at most the product of the factors above).
      candidate.score =
        best *
          (1 + boosts.newArrivals.weight) *
          (1 + boosts.likedBrand.weight) *
          (1 + boosts.seasonal.weight) *
          (1 + boosts.pinned.weight) +
        candidate.score +
        1e-9;
      candidate.boosts.push('pinned');
    }
  }
}

/** Whether an item is tagged with the season of `month`; remembered on the catalog entry per month (tags change on
 * upserts, which make new catalog entries). */
function inSeason(entry: CatalogItem, month: number, season: ReadonlySet<string>): boolean {
  if (entry.seasonMonth === month) return entry.inSeason;
  let value = false;
  for (const tag of entry.seasonTags) if (season.has(tag)) value = true;
  entry.seasonMonth = month;
  entry.inSeason = value;
  return value;
}

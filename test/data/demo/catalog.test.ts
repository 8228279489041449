import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localMidnight } from '../../../src/data/demo/calendar.ts';
import { generateCatalog } from '../../../src/data/demo/catalog.ts';
import { demoCategories, demoCategoryOf } from '../../../src/data/demo/categories.ts';

const endTime = localMidnight('2026-11-01');
const catalog = generateCatalog({ seed: 42, scale: 1, endTime, days: 90 });
const han = /\p{Script=Han}/u;

describe('demo catalog', () => {
  it('has at least 1,000 items in at least 30 categories, every category stocked', () => {
    assert.ok(catalog.items.length >= 1000, `${catalog.items.length} items`);
    assert.ok(demoCategories.length >= 30);
    const seen = new Set(catalog.items.map((item) => item.attributes.category_id));
    assert.equal(seen.size, demoCategories.length);
    assert.equal(new Set(catalog.items.map((item) => item.id)).size, catalog.items.length, 'ids are unique');
  });

  it('is bilingual: English title and description, Chinese ones in text fields that search indexes', () => {
    for (const item of catalog.items) {
      assert.ok(item.title.length > 5 && !han.test(item.title), item.title);
      assert.ok(item.description && item.description.length > 40);
      assert.ok(han.test(item.text?.title_zh ?? ''), `${item.id} has a Chinese title`);
      assert.ok(han.test(item.text?.description_zh ?? ''), `${item.id} has a Chinese description`);
      assert.equal(item.language, 'en');
      assert.equal(demoCategoryOf(item)?.id, item.attributes.category_id);
    }
    const tents = catalog.items.filter((item) => item.attributes.category_id === 'tents');
    assert.ok(tents.every((tent) => tent.text?.title_zh.includes('帐篷') && /tent/i.test(tent.title)));
  });

  it('prices tents from cheap two-person ones (≤ 800 yuan) to premium ones', () => {
    const twoPerson = catalog.items.filter(
      (item) => item.attributes.category_id === 'tents' && item.attributes.capacity === 2,
    );
    assert.ok(
      twoPerson.some((tent) => (tent.price ?? Infinity) <= 800),
      'a cheap 2-person tent',
    );
    assert.ok(
      twoPerson.some((tent) => (tent.price ?? 0) >= 1500 && tent.attributes.brand_tier === 'premium'),
      'a premium 2-person tent',
    );
    for (const item of catalog.items) {
      assert.ok(Number.isInteger(item.price) && (item.price ?? 0) > 0, `${item.id} price ${item.price}`);
      assert.equal(item.attributes.currency, 'CNY');
      assert.ok(
        typeof item.attributes.brand === 'string' &&
          ['budget', 'mid', 'premium'].includes(item.attributes.brand_tier as string),
      );
      assert.ok(typeof item.attributes.weight_g === 'number' && item.attributes.weight_g > 0);
    }
  });

  it('has seasonal items, new arrivals inside the window and some items out of stock', () => {
    const seasonal = catalog.items.filter((item) => item.tags.includes('seasonal'));
    const windowStart = endTime - 90 * 86_400_000;
    const fresh = catalog.items.filter((item) => (item.createdAt ?? 0) >= windowStart);
    const recent = catalog.items.filter((item) => item.tags.includes('new-arrival'));
    assert.ok(seasonal.length > 50, `${seasonal.length} seasonal`);
    assert.ok(seasonal.every((item) => item.attributes.season_window !== null));
    assert.ok(
      fresh.length > 50 && recent.length > 10,
      `${fresh.length} created in the window, ${recent.length} in the last 30 days`,
    );
    assert.ok(catalog.items.some((item) => !item.available));
    assert.ok(catalog.items.every((item) => (item.createdAt ?? 0) < endTime));
  });

  it('is deterministic per seed', () => {
    const again = generateCatalog({ seed: 42, scale: 1, endTime, days: 90 });
    assert.deepEqual(again.items, catalog.items);
    assert.deepEqual(again.truth.quality, catalog.truth.quality);
    const other = generateCatalog({ seed: 7, scale: 1, endTime, days: 90 });
    assert.notDeepEqual(
      other.items.map((item) => item.title),
      catalog.items.map((item) => item.title),
    );
  });

  it('scales the item count', () => {
    const small = generateCatalog({ seed: 1, scale: 0.1, endTime, days: 90 });
    assert.ok(small.items.length >= 120 && small.items.length < 200, `${small.items.length}`);
  });
});

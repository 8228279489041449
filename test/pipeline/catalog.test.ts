import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeItem } from '../../src/core/types.ts';
import { Catalog } from '../../src/pipeline/catalog.ts';

it('gives titles, categories and brands in the asked language, falling back to the originals', () => {
  const catalog = Catalog.of([
    makeItem({
      id: 'vest',
      title: 'Boreal S Running Vest',
      categories: ['Hiking', 'Hydration Packs'],
      attributes: { brand: 'Xiaoye', brand_zh: '小野' },
      text: { title_zh: '小野 Boreal S 越野跑背心', category_zh: '徒步 / 越野跑背包' },
    }),
    makeItem({ id: 'plain', title: 'Plain', categories: ['Tents'], attributes: { brand: 'Peak' }, available: false }),
  ]);
  assert.equal(catalog.title('vest', 'zh'), '小野 Boreal S 越野跑背心');
  assert.equal(catalog.title('vest', 'en'), 'Boreal S Running Vest');
  assert.equal(catalog.category('vest', 'zh'), '越野跑背包');
  assert.equal(catalog.category('plain', 'zh'), 'Tents');
  assert.equal(catalog.brand('vest', 'zh'), '小野');
  assert.equal(catalog.brand('plain', 'zh'), 'Peak');
  assert.deepEqual([...catalog.inCategories(['hiking'])], ['vest']);
  assert.deepEqual(catalog.newest(), ['vest']);
  assert.equal(catalog.title('missing'), 'missing');
});

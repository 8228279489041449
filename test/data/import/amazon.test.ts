import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importData } from '../../../src/data/import/import-data.ts';
import { SqliteStore } from '../../../src/store/sqlite/store.ts';
import { amazonLcrecFiles, amazonReviewFiles, temporaryFolder, writeFiles } from '../../helpers/dataset-fixtures.ts';
import { realDataset } from '../../helpers/datasets-folder.ts';

describe('amazon import', () => {
  it('reads the LC-Rec form, with the sequence position as time', async () => {
    const folder = writeFiles(temporaryFolder(), amazonLcrecFiles());
    const store = SqliteStore.open(':memory:');
    const report = await importData(store, { format: 'amazon', path: folder });
    assert.deepEqual([report.items, report.events], [3, 7]);
    assert.deepEqual(await store.counts(), { users: 3, items: 3, interactions: 7, socialEdges: 0 });
    const [caliper, gloves, glasses] = await store.items.get(['0', '1', '2']);
    assert.equal(caliper.description, 'Measures 0-150 mm.');
    assert.deepEqual(caliper.categories, ['Industrial & Scientific', 'Test', 'Measure & Inspect', 'Calipers']);
    assert.equal(caliper.attributes.brand, 'Acme');
    assert.equal(gloves.description, undefined);
    assert.deepEqual(gloves.attributes, {});
    assert.equal(glasses.title, 'Safety glasses "clear"');
    const sequence = (await store.feedback.forUser('0')).reverse();
    assert.deepEqual(
      sequence.map((event) => [event.itemId, event.type, event.timestamp]),
      [
        ['0', 'review', 0],
        ['1', 'review', 1000],
        ['2', 'review', 2000],
      ],
    );
    await assert.rejects(
      importData(store, { format: 'amazon', path: folder, amazon: { allItems: true } }),
      /apply to the 2018 review files/,
    );
    await store.close();
  });

  it('reads 2018 reviews and metadata: ratings at review time, cleaned text, reviewed items only', async () => {
    const folder = writeFiles(temporaryFolder(), amazonReviewFiles());
    const store = SqliteStore.open(':memory:');
    const report = await importData(store, { format: 'amazon', path: folder });
    assert.deepEqual([report.items, report.events], [2, 3]);
    assert.match(report.notes.join('\n'), /1 items without reviews left out/);
    const [scale] = await store.items.get(['B01']);
    assert.equal(scale.title, 'Lab & bench scale');
    assert.equal(scale.description, 'Accurate to 0.01 g');
    assert.deepEqual(scale.categories, ['Industrial & Scientific', 'Lab Scales']);
    assert.equal(scale.attributes.brand, 'Weighco');
    assert.deepEqual(scale.attributes.alsoBought, ['B02']);
    assert.deepEqual(scale.text, { features: 'USB. Battery' });
    assert.equal(scale.price, 24.99);
    assert.equal(scale.createdAt, Date.UTC(2012, 5, 1));
    const events = await store.feedback.forUser('A1');
    assert.deepEqual(
      events.map((event) => [event.itemId, event.value, event.timestamp]),
      [
        ['B02', 3, Date.UTC(2018, 1, 3)],
        ['B01', 5, 1514851200000],
      ],
    );
    const all = await importData(store, { format: 'amazon', path: folder, amazon: { allItems: true } });
    assert.equal(all.items, 3);
    assert.equal(all.stored, 0);
    await store.close();
  });

  const real = realDataset('amazon2018-scientific-lcrec');
  it('gives the published counts on amazon2018-scientific-lcrec', { skip: real.skip }, async () => {
    const store = SqliteStore.open(':memory:');
    await importData(store, { format: 'amazon', path: real.folder });
    const { socialEdges: _, ...counts } = await store.counts();
    assert.deepEqual(counts, { users: 8317, items: 4344, interactions: 58492 });
    const [first] = await store.items.get(['0']);
    assert.match(first.title, /^SUPCO SPP6/);
    assert.equal(first.attributes.brand, 'Sealed Unit Parts Co., Inc.');
    assert.ok(first.description && first.description.length > 100);
    await store.close();
  });
});

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { NgramEmbedder } from '../../src/llm/embedders/ngram-embedder.ts';
import { Catalog } from '../../src/pipeline/catalog.ts';
import { hybridSearch } from '../../src/pipeline/hybrid-search.ts';
import { embedItems } from '../../src/pipeline/item-vectors.ts';
import { type ServingFixture, servingFixture } from '../../src/testing/serving-fixture.ts';

describe('hybrid search', () => {
  let fixture: ServingFixture;
  let catalog: Catalog;
  const embedder = new NgramEmbedder({ dimension: 256 });

  before(async () => {
    fixture = await servingFixture();
    catalog = await Catalog.load(fixture.store);
    assert.equal(await embedItems({ store: fixture.store, embedder, namespace: 'items' }), 40);
  });

  it('embeds only items without a vector, and everything again for another embedder', async () => {
    assert.equal(await embedItems({ store: fixture.store, embedder, namespace: 'items' }), 0);
    const other = new NgramEmbedder({ dimension: 64 });
    assert.equal(await embedItems({ store: fixture.store, embedder: other, namespace: 'other' }), 40);
    assert.equal(await embedItems({ store: fixture.store, embedder: other, namespace: 'items' }), 40);
    assert.equal(await embedItems({ store: fixture.store, embedder, namespace: 'items' }), 40);
  });

  it('finds by embedding what full text misses, and fuses both', async () => {
    const request = { q: 'tentz', n: 5, availableOnly: true };
    const textOnly = await hybridSearch({ store: fixture.store, catalog, vectorNamespace: 'items', request });
    assert.equal(textOnly.items.length, 0);
    const hybrid = await hybridSearch({ store: fixture.store, catalog, embedder, vectorNamespace: 'items', request });
    assert.ok(hybrid.items.length > 0);
    assert.ok(hybrid.items.every((item) => item.matchedBy.includes('embedding')));
    const tents = hybrid.items.filter((item) => catalog.get(item.id)!.leafCategory === 'Tents');
    assert.ok(tents.length >= 3, hybrid.items.map((item) => item.id).join(' '));
    const both = await hybridSearch({
      store: fixture.store,
      catalog,
      embedder,
      vectorNamespace: 'items',
      request: { q: 'tents', n: 10, availableOnly: true, maxPrice: 300 },
    });
    assert.ok(both.items.some((item) => item.matchedBy.length === 2));
    assert.ok(both.items.every((item) => (item.item.price ?? 0) <= 300));
    assert.equal(both.facets.categories[0].value, 'Tents');
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CachedEmbedder } from '../../src/llm/embedders/cached-embedder.ts';
import { cosine, createEmbeddedEmbedder } from '../../src/llm/embedders/embedded.ts';
import { cjkShare, LanguageRouterEmbedder } from '../../src/llm/embedders/language-router.ts';
import { NgramEmbedder } from '../../src/llm/embedders/ngram-embedder.ts';
import { SentenceEncoderEmbedder } from '../../src/llm/embedders/sentence-encoder.ts';
import { MemoryKeyValue } from '../../src/llm/ports.ts';
import type { Embedder } from '../../src/llm/spec.ts';

const norm = (v: Float32Array) => Math.sqrt(cosine(v, v));

describe('NgramEmbedder', () => {
  test('is deterministic, unit length, and ranks related Chinese text above unrelated text', async () => {
    const embedder = new NgramEmbedder({ dimension: 256 });
    const [tent, tent2, blender] = await embedder.embed(['双人户外帐篷 防雨', '户外帐篷 三人 防雨', '厨房料理机 榨汁']);
    assert.equal(tent.length, 256);
    assert.ok(Math.abs(norm(tent) - 1) < 1e-5);
    assert.deepEqual(embedder.embedOne('双人户外帐篷 防雨'), tent);
    assert.ok(cosine(tent, tent2) > cosine(tent, blender) + 0.2);
  });

  test('fitting IDF renames the space and down-weights common grams', async () => {
    const corpus = ['户外 帐篷', '户外 睡袋', '户外 炉具', '户外 背包'];
    const fitted = NgramEmbedder.fit(corpus, { dimension: 128 });
    assert.match(fitted.name, /^ngram-128-tfidf-[0-9a-f]{8}$/);
    const plain = new NgramEmbedder({ dimension: 128 });
    const [a, b] = await fitted.embed(['户外 帐篷', '户外 睡袋']);
    const [c, d] = await plain.embed(['户外 帐篷', '户外 睡袋']);
    assert.ok(cosine(a, b) < cosine(c, d), 'the shared word 户外 counts less after IDF');
    assert.throws(() => new NgramEmbedder({ dimension: 64, idf: new Float32Array(32) }), /idf has 32 values/);
  });

  test('empty text embeds as the zero vector', () => {
    assert.ok(new NgramEmbedder({ dimension: 32 }).embedOne('').every((x) => x === 0));
  });
});

describe('SentenceEncoderEmbedder (USE lite, offline)', () => {
  test('512-d unit vectors with sensible English similarity', async () => {
    const embedder = new SentenceEncoderEmbedder();
    const [boots, shoes, blender, empty] = await embedder.embed([
      'waterproof hiking boots',
      'trail shoes for mountain walking',
      'kitchen blender',
      '',
    ]);
    assert.equal(boots.length, 512);
    assert.ok(Math.abs(norm(boots) - 1) < 1e-4);
    assert.ok(cosine(boots, shoes) > cosine(boots, blender));
    assert.equal(empty.length, 512);
  });
});

describe('LanguageRouterEmbedder', () => {
  test('cjkShare counts CJK characters and Latin words', () => {
    assert.equal(cjkShare('hiking boots'), 0);
    assert.equal(cjkShare('登山鞋'), 1);
    assert.equal(cjkShare('Coleman 帐篷'), 2 / 3);
    assert.equal(cjkShare('  '), 0);
  });

  test('English fills the first block, Chinese the second, mixed text both, all unit length', async () => {
    const router = new LanguageRouterEmbedder({ english: fixed('en', 4), other: fixed('zh', 3) });
    assert.equal(router.dimension, 7);
    assert.equal(router.name, 'router(en+zh)');
    const [english, chinese, mixed] = await router.embed(['tent', '帐篷', 'Coleman 帐篷']);
    assert.deepEqual([...english.slice(4)], [0, 0, 0]);
    assert.deepEqual([...chinese.slice(0, 4)], [0, 0, 0, 0]);
    assert.ok(mixed.slice(0, 4).some((x) => x !== 0) && mixed.slice(4).some((x) => x !== 0));
    for (const v of [english, chinese, mixed]) assert.ok(Math.abs(norm(v) - 1) < 1e-6);
  });

  test('the embedded default embeds English and Chinese offline', async () => {
    const embedder = createEmbeddedEmbedder({ ngramDimension: 128 });
    const vectors = await embedder.embed(['rain jacket', '雨衣']);
    assert.equal(embedder.dimension, 640);
    assert.equal(vectors[0].length, 640);
    assert.ok(vectors.every((v) => Math.abs(norm(v) - 1) < 1e-4));
  });
});

describe('CachedEmbedder', () => {
  test('embeds each distinct text once and returns identical vectors from the cache', async () => {
    const inner = counting(new NgramEmbedder({ dimension: 64 }));
    const store = new MemoryKeyValue();
    const first = await new CachedEmbedder(inner, store).embed(['a b', 'c d', 'a b']);
    assert.equal(inner.texts, 2);
    const second = new CachedEmbedder(inner, store);
    assert.deepEqual(await second.embed(['c d', 'a b']), [first[1], first[0]]);
    assert.equal(inner.texts, 2);
    assert.equal(second.hits, 2);
  });
});

function fixed(name: string, dimension: number): Embedder {
  return {
    name,
    dimension,
    embed: async (texts) => texts.map(() => new Float32Array(dimension).fill(1 / Math.sqrt(dimension))),
  };
}

function counting(inner: Embedder): Embedder & { texts: number } {
  const wrapper = {
    name: inner.name,
    dimension: inner.dimension,
    texts: 0,
    embed: async (texts: readonly string[]) => {
      wrapper.texts += texts.length;
      return inner.embed(texts);
    },
  };
  return wrapper;
}

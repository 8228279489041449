import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { makeItem } from '../../../src/core/types.ts';
import { createLlmGateway, type LlmGateway } from '../../../src/llm/gateway.ts';
import { checkCopy } from '../../../src/llmrec/enrich/copy-checker.ts';
import { enrichCopy } from '../../../src/llmrec/enrich/enrich-copy.ts';
import { SqliteStore } from '../../../src/store/sqlite/store.ts';
import type { Store } from '../../../src/store/store.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../../src/testing/fake-openai-server.ts';

const tent = makeItem({
  id: 'tent-1',
  title: 'Horizon 2-Person Backpacking Tent by Kestrel Peak (Glacier Blue)',
  description: 'Sleeps 2 on a 108 × 210 cm floor. The nylon flysheet is rated to 3000 mm. Packed weight 1.9 kg.',
  categories: ['Camping', 'Tents'],
  attributes: { brand: 'Kestrel Peak', weight_g: 1880, capacity: 2, material: '40D nylon ripstop' },
});
const brands = ['Kestrel Peak', 'Yunling', 'Nordvik'];

describe('copy checker', () => {
  test('faithful copy passes, also with converted units', () => {
    const copy =
      'The Kestrel Peak Horizon sleeps 2 and weighs just 1880 g. Its nylon fly shrugs off rain to 3000 mm, and the glacier blue colour stands out.';
    assert.deepEqual(checkCopy(tent, copy, brands), { ok: true, problems: [] });
    assert.equal(checkCopy(tent, 'A 2-person tent at 1.88 kg.', brands).ok, true);
  });

  test('an invented "4-person" or "2 kg" is rejected, and so are colours, materials and brands the item lacks', () => {
    assert.deepEqual(checkCopy(tent, 'A roomy 4-person tent.', brands).problems, [
      '"4-person" is not in the item\'s fields',
    ]);
    assert.deepEqual(checkCopy(tent, 'It weighs only 2 kg.', brands).problems, ['"2 kg" is not in the item\'s fields']);
    assert.equal(checkCopy(tent, 'Made of titanium, in red.', brands).problems.length, 2);
    assert.equal(checkCopy(tent, 'As good as a Nordvik.', brands).ok, false);
    assert.equal(checkCopy(tent, 'Includes 6 stakes.', brands).ok, false);
  });
});

let server: FakeOpenAiServer;
let store: Store;

before(async () => {
  server = await startFakeOpenAiServer();
});
after(() => server.close());
beforeEach(async () => {
  server.reset();
  store = await SqliteStore.open(':memory:');
  await store.items.upsert([tent]);
});

function gateway(withLlm = true): LlmGateway {
  return createLlmGateway({
    config: { chat: withLlm ? `openai-compatible:${server.url}#fake` : null, retries: 0, timeoutMs: 5000 },
    env: { OPENAI_API_KEY: 'sk-test' },
    store: store.kv,
  });
}

const answer = (description: string, points = ['Sleeps 2', 'Packed weight 1.9 kg']) =>
  JSON.stringify({ description, selling_points: points });

describe('enrich copy', () => {
  test('accepted copy lands in text.description_generated; the prompt holds only the item', async () => {
    server.replyWith(answer('A light two-person tent from Kestrel Peak that packs down to 1.9 kg.'));
    const report = await enrichCopy({ store, llm: gateway() });
    assert.equal(report.done.llm, 1);
    const [stored] = await store.items.get(['tent-1']);
    assert.match(stored.text?.description_generated ?? '', /Kestrel Peak/);
    assert.equal(stored.text?.selling_points_generated, 'Sleeps 2\nPacked weight 1.9 kg');
    const prompt = JSON.stringify(server.requests[0].body);
    assert.match(prompt, /tent-1/);
    assert.doesNotMatch(prompt, /Yunling|Nordvik/, 'no other item or brand in the prompt');
  });

  test('a hallucinated reply is retried once with the rejected facts, then accepted', async () => {
    server.replyWith(answer('A 4-person palace that weighs 2 kg.'), answer('A two-person tent with a 3000 mm fly.'));
    const report = await enrichCopy({ store, llm: gateway() });
    assert.equal(report.done.llm, 1);
    assert.equal(server.counts.chat, 2);
    assert.match(JSON.stringify(server.requests[1].body), /4-person.*2 kg|2 kg.*4-person/);
    const [stored] = await store.items.get(['tent-1']);
    assert.equal(stored.text?.description_generated, 'A two-person tent with a 3000 mm fly.');
  });

  test('two hallucinated replies fall back to the template, which states only the item’s facts', async () => {
    server.replyWith(answer('A roomy 4-person tent for families.'), answer('It weighs only 2 kg on the trail.'));
    const report = await enrichCopy({ store, llm: gateway() });
    assert.equal(report.done.fallback, 1);
    assert.match(report.fellBack[0].reason, /rejected twice/);
    const [stored] = await store.items.get(['tent-1']);
    const copy = `${stored.text?.description_generated}\n${stored.text?.selling_points_generated}`;
    assert.equal(checkCopy(tent, copy, brands).ok, true, copy);
    assert.deepEqual((stored.attributes.enriched_copy as Record<string, { source: string }>).en.source, 'template');
  });

  test('with no LLM the template runs for English and Chinese and the report says so', async () => {
    const report = await enrichCopy({ store, llm: gateway(false), languages: ['en', 'zh'] });
    assert.equal(server.counts.chat, 0);
    assert.match(report.message, /fallback ran for all of them, no LLM configured/);
    const [stored] = await store.items.get(['tent-1']);
    assert.ok(stored.text?.description_generated);
    assert.ok(stored.text?.description_generated_zh);
  });
});

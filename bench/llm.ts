// LLM gateway benchmark: response-cache hit latency (goal: median under 1 ms, SQLite-backed as in the CLI) and
// embedder throughput (sentence encoder, n-gram, the embedded router). Prints JSON and a markdown table; writes
// bench/results/llm.json and .md.
// Run: npm run bench:llm

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEmbeddedEmbedder } from '../src/llm/embedders/embedded.ts';
import { NgramEmbedder } from '../src/llm/embedders/ngram-embedder.ts';
import { SentenceEncoderEmbedder } from '../src/llm/embedders/sentence-encoder.ts';
import { createLlmGateway } from '../src/llm/gateway.ts';
import { SqliteStore } from '../src/store/sqlite/store.ts';
import { startFakeOpenAiServer } from '../src/testing/fake-openai-server.ts';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.floor(values.length * p)];

async function cacheHits(): Promise<Record<string, number>> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-bench-llm-'));
  const server = await startFakeOpenAiServer();
  const store = await SqliteStore.open(path.join(folder, 'bench.db'));
  try {
    const gateway = createLlmGateway({
      config: { chat: `openai-compatible:${server.url}#bench` },
      env: { OPENAI_API_KEY: 'sk-bench' },
      store: store.kv,
    });
    const prompts = Array.from({ length: 200 }, (_, k) => `Recommend gear for trip number ${k}`);
    const missTimes: number[] = [];
    for (const prompt of prompts) {
      const started = performance.now();
      await gateway.chat({ prompt, seed: 1 });
      missTimes.push(performance.now() - started);
    }
    const hitTimes: number[] = [];
    for (let round = 0; round < 10; round++)
      for (const prompt of prompts) {
        const started = performance.now();
        await gateway.chat({ prompt, seed: 1 });
        hitTimes.push(performance.now() - started);
      }
    const network = server.counts.chat;
    await gateway.close();
    return {
      cacheHitMedianMs: median(hitTimes),
      cacheHitP99Ms: percentile(hitTimes, 0.99),
      cacheMissMedianMs: median(missTimes),
      missOverHitRatio: median(missTimes) / median(hitTimes),
      hits: hitTimes.length,
      networkCalls: network,
    };
  } finally {
    await store.close();
    await server.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

async function throughput(name: string, embed: (texts: string[]) => Promise<unknown>, texts: string[]) {
  await embed(texts.slice(0, 8)); // load the model outside the timing
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    await embed(texts);
    times.push(performance.now() - started);
  }
  const ms = median(times);
  return { embedder: name, texts: texts.length, medianMs: ms, textsPerSecond: (texts.length / ms) * 1000 };
}

const english = Array.from(
  { length: 256 },
  (_, k) => `Lightweight waterproof hiking boots with ankle support, model ${k}`,
);
const chinese = Array.from({ length: 256 }, (_, k) => `轻量防水登山鞋 护踝设计 型号${k} 适合雨天徒步`);

const cache = await cacheHits();
const embedders = [
  await throughput('use-lite-en (English)', (texts) => new SentenceEncoderEmbedder().embed(texts), english),
  await throughput('ngram-512 (Chinese)', (texts) => new NgramEmbedder().embed(texts), chinese),
  await throughput('embedded router (half/half)', (texts) => createEmbeddedEmbedder().embed(texts), [
    ...english.slice(0, 128),
    ...chinese.slice(0, 128),
  ]),
];
const result = {
  machine: `${os.cpus().length} cores, node ${process.version}`,
  cache,
  embedders,
  goal: { cacheHitMedianMs: 1 },
  pass: cache.cacheHitMedianMs < 1,
};
const markdown = [
  '| measure | value |',
  '|---|---|',
  `| cache hit, median (SQLite kv) | ${cache.cacheHitMedianMs.toFixed(3)} ms |`,
  `| cache hit, p99 | ${cache.cacheHitP99Ms.toFixed(3)} ms |`,
  `| cache miss via loopback HTTP, median | ${cache.cacheMissMedianMs.toFixed(2)} ms (${cache.missOverHitRatio.toFixed(0)}× a hit) |`,
  ...embedders.map(
    (row) =>
      `| ${row.embedder}: ${row.texts} texts | ${row.medianMs.toFixed(0)} ms median, ${row.textsPerSecond.toFixed(0)} texts/s |`,
  ),
].join('\n');
fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
fs.writeFileSync(path.join(import.meta.dirname, 'results', 'llm.json'), `${JSON.stringify(result, null, 2)}\n`);
fs.writeFileSync(path.join(import.meta.dirname, 'results', 'llm.md'), `${markdown}\n`);
console.log(JSON.stringify(result, null, 2));
console.log(markdown);

// Evaluates the chat assistant with LLM-free simulated shoppers on the demo store's ground truth: hit rate within
// 5 turns and average turns (RecAI-style), in basic mode with and without the shopper's identity (history and
// memory), and in LLM mode when a chat model is configured (LMREC_LLM). Writes bench/results/chat.json and .md.
// Usage: node bench/chat.ts [--users 200] [--llm-users 30] [--turns 5] [--seed 42] [--db demo.db]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/core/config/index.ts';
import { buildDemoStore, loadDemoSimulator } from '../src/data/demo/demo-store.ts';
import { createLlmGateway } from '../src/llm/gateway.ts';
import { createChatAssistant } from '../src/llmrec/chat/create-chat-assistant.ts';
import { type ChatEvaluation, evaluateChat } from '../src/llmrec/chat/eval/evaluate-chat.ts';
import { SqliteStore } from '../src/store/sqlite/store.ts';

const argument = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const users = Number(argument('users', '200'));
const llmUsers = Number(argument('llm-users', '30'));
const maxTurns = Number(argument('turns', '5'));
const seed = Number(argument('seed', '42'));

/** The scale-1 demo store: --db, or one built once in the temp folder. */
async function demoStore(): Promise<SqliteStore> {
  const given = argument('db', '');
  if (given) return SqliteStore.open(given);
  const file = path.join(os.tmpdir(), 'lmrec-bench-chat-demo-42.db');
  if (!fs.existsSync(file)) {
    const building = `${file}.${process.pid}`;
    const store = SqliteStore.open(building);
    await buildDemoStore(store, { seed: 42, scale: 1 });
    await store.close();
    fs.renameSync(building, file);
  }
  return SqliteStore.open(file);
}

const store = await demoStore();
const config = await loadConfig({});
const gateway = createLlmGateway({ config: config.llm, store: store.kv });
const simulator = await loadDemoSimulator(store);
const runs: Array<ChatEvaluation & { label: string; seconds: number }> = [];
const measure = async (label: string, options: { basic: boolean; anonymous: boolean; users: number }) => {
  const { assistant, engine } = await createChatAssistant({ store, gateway, basic: options.basic });
  const started = performance.now();
  const result = await evaluateChat({
    assistant,
    simulator,
    index: await engine.index(),
    users: options.users,
    maxTurns,
    seed,
    anonymous: options.anonymous,
  });
  runs.push({ ...result, label, seconds: (performance.now() - started) / 1000 });
};
await measure('basic, signed-in shopper', { basic: true, anonymous: false, users });
await measure('basic, anonymous shopper', { basic: true, anonymous: true, users });
if (gateway.configured('chat'))
  await measure(`llm (${process.env.LMREC_LLM ?? config.llm.chat})`, {
    basic: false,
    anonymous: false,
    users: llmUsers,
  });
await gateway.close();
await store.close();

const summary = runs.map(({ conversations: _conversations, ...run }) => run);
const result = { machine: { cpus: os.cpus().length, loadAverage: os.loadavg()[0] }, seed, maxTurns, runs: summary };
const folder = path.join(import.meta.dirname, 'results');
fs.mkdirSync(folder, { recursive: true });
fs.writeFileSync(path.join(folder, 'chat.json'), `${JSON.stringify(result, null, 2)}\n`);
const table = [
  `| chat, simulated shoppers (demo store, seed ${seed}) | users | hit@${maxTurns} turns | avg turns (hits) | avg turns (all, misses = ${maxTurns}) | hits by turn | median ms/turn |`,
  '|---|---|---|---|---|---|---|',
  ...summary.map(
    (run) =>
      `| ${run.label} | ${run.users} | ${(run.hitRate * 100).toFixed(1)}% | ${run.averageTurns.toFixed(2)} | ${run.averageTurnsAll.toFixed(2)} | ${run.hitsByTurn.join(' / ')} | ${run.medianMillisecondsPerTurn.toFixed(1)} |`,
  ),
  gateway.configured('chat') ? '' : '\nLLM mode: not run (no chat model configured; set LMREC_LLM).',
].join('\n');
fs.writeFileSync(path.join(folder, 'chat.md'), `${table}\n`);
process.stdout.write(`${table}\n`);

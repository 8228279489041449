// Serving benchmark on the demo store, load from this process (autocannon) against server child processes:
//   ceiling   bare Fastify answering a fixed JSON body of the same bytes as a 10-item recommendation
//   cached    GET /api/recommend/:user?n=10 from precomputed lists, on `lmrec serve` with the default config (what
//             `npm start` runs): one user (as the serving-throughput check) and 1,000 users rotated
//             (goal ≥ 20,000 req/s, p99 ≤ 5 ms)
//   pipeline  the same route with the cache off: every request runs the full pipeline (goal ≥ 2,000 req/s, p99 ≤ 25 ms)
//   feedback  POST /api/feedback, batches of 100 with idempotency keys (goal ≥ 20,000 events/s, all persisted)
// Client and servers share the machine's cores, so besides req/s each run reports the CPU time per request of the
// server process and of the load generator (Linux /proc): those do not depend on what else the machine runs.
// Prints JSON and a markdown table; writes bench/results/serve.json and .md.
// Run: npm run bench:serve [-- --db path/to/store.db] [--duration 10] [--connections 32]

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { SqliteStore } from '../src/store/sqlite/store.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
  },
});
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const connections = Number(args.connections);
const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'bin', 'lmrec.js');
const key = 'bench-admin-key-0123456789abcdef';
const auth = { authorization: `Bearer ${key}` };
const loadAtStart = Number(os.loadavg()[0].toFixed(2));
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-bench-serve-'));
const children: ChildProcess[] = [];

process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
  fs.rmSync(folder, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    import('node:net').then(({ createServer }) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
  });
}

async function waitFor(url: string, seconds: number): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

/** Starts `lmrec serve` on a copy of the store; resolves to its base URL once ready. */
async function startServer(store: string, config: object): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const configFile = path.join(folder, `config-${port}.json`);
  fs.writeFileSync(configFile, JSON.stringify(config));
  const child = spawn(
    process.execPath,
    [cli, 'serve', '--db', store, '--port', String(port), '--config', configFile, '--quiet'],
    {
      env: { ...process.env, LMREC_ADMIN_KEY: key },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let log = '';
  child.stderr?.on('data', (chunk) => {
    log += chunk;
  });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/health/ready`, 180).catch((error) => {
    throw new Error(`${(error as Error).message}\n${log.slice(-2000)}`);
  });
  return { base, child };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

interface Run {
  requestsPerSecond: { median: number; mean: number };
  latencyMs: { p50: number; p99: number };
  errors: number;
  non2xx: number;
  completed: number;
  /** CPU time per request (µs) of the server process (all its threads) and of this load generator; null off Linux. */
  cpuMicrosPerRequest: { server: number | null; client: number };
}

/** User + system CPU time of a process in ms (Linux), or null. */
function processCpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat (11 and 12 after the command); in clock ticks (100 per second).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

async function load(options: autocannon.Options & { pid?: number }, afterWarmup?: () => Promise<void>): Promise<Run> {
  const { pid, ...settings } = options;
  await autocannon({ ...settings, duration: warmup });
  await afterWarmup?.();
  const serverBefore = processCpuMs(pid);
  const clientBefore = process.cpuUsage();
  const result = await autocannon({ ...settings, duration });
  const serverAfter = processCpuMs(pid);
  const client = process.cpuUsage(clientBefore);
  const requests = Math.max(1, result.requests.total);
  return {
    requestsPerSecond: { median: result.requests.p50, mean: Math.round(result.requests.average) },
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
    errors: result.errors,
    non2xx: result.non2xx,
    completed: result.requests.total,
    cpuMicrosPerRequest: {
      server:
        serverBefore === null || serverAfter === null
          ? null
          : Number((((serverAfter - serverBefore) * 1000) / requests).toFixed(1)),
      client: Number(((client.user + client.system) / requests).toFixed(1)),
    },
  };
}

/** One request per path, cycled by every connection: no per-request callback on the load side. */
function rotating(paths: string[]): autocannon.Request[] {
  return paths.map((path) => ({ method: 'GET', path }));
}

// 1. The demo store (or the one given), copied so the run never changes it.
const store = path.join(folder, 'demo.db');
let storeSeconds = 0;
if (args.db) {
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(args.db + suffix)) fs.copyFileSync(args.db + suffix, store + suffix);
  }
} else {
  const started = performance.now();
  execFileSync(process.execPath, [cli, 'demo', 'init', '--db', store, '--quiet'], { stdio: 'inherit' });
  storeSeconds = (performance.now() - started) / 1000;
}

// 2. Our server as `lmrec serve` runs it (the default config): the cached route.
const startedServer = performance.now();
const cachedServer = await startServer(store, {});
const readySeconds = (performance.now() - startedServer) / 1000;
const users: string[] = (
  (await (await fetch(`${cachedServer.base}/api/users?limit=1000`, { headers: auth })).json()) as {
    users: Array<{ id: string }>;
  }
).users.map((user) => user.id);
const recommendPaths = users.map((user) => `/api/recommend/${encodeURIComponent(user)}?n=10`);
const sample = await fetch(`${cachedServer.base}${recommendPaths[0]}`, { headers: auth });
const sampleBody = await sample.text();
const modelVersion = sample.headers.get('x-lmrec-model-version');

// The bare Fastify ceiling answers the same bytes.
const ceilingPort = await freePort();
const ceilingBody = path.join(folder, 'ceiling.json');
fs.writeFileSync(ceilingBody, sampleBody);
const ceiling = spawn(
  process.execPath,
  [path.join(root, 'bench', 'serve-ceiling.ts'), String(ceilingPort), ceilingBody],
  {
    stdio: 'ignore',
  },
);
children.push(ceiling);
await waitFor(`http://127.0.0.1:${ceilingPort}/`, 30);
const ceilingRun = await load({ url: `http://127.0.0.1:${ceilingPort}/`, connections, pid: ceiling.pid });
await stop(ceiling);

const cachedOneUser = await load({
  url: `${cachedServer.base}${recommendPaths[0]}`,
  connections,
  headers: auth,
  pid: cachedServer.child.pid,
});
const cachedRun = await load({
  url: cachedServer.base,
  connections,
  headers: auth,
  requests: rotating(recommendPaths),
  pid: cachedServer.child.pid,
});
await stop(cachedServer.child);

// 3. Feedback. Retraining after N events is switched off: it would measure training, not the write path.
const quiet = { trainer: { afterEvents: 0, intervalMinutes: 0 } };
const feedbackServer = await startServer(store, { serving: quiet });

let before = 0;
let batch = 0;
const runId = Date.now().toString(36);
const feedbackRun = await load(
  {
    url: `${feedbackServer.base}/api/feedback`,
    pid: feedbackServer.child.pid,
    connections,
    headers: { ...auth, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const id = batch++;
          const events = Array.from({ length: 100 }, (_, k) => ({
            userId: users[(id * 7 + k) % users.length],
            itemId: `bench-item-${(id * 13 + k) % 500}`,
            type: 'view',
            idempotencyKey: `${runId}-${id}-${k}`,
          }));
          request.body = JSON.stringify({ events });
          return request;
        },
      },
    ],
  },
  async () => {
    // Batches still in flight when the warm-up ended land first.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    before = await counts(store);
  },
);
await stop(feedbackServer.child);
const after = await counts(store);
const acknowledgedEvents = (feedbackRun.completed - feedbackRun.non2xx) * 100;

// 4. Cache off: every request runs the whole pipeline.
const pipelineServer = await startServer(store, {
  serving: { ...quiet, cache: { enabled: false, precomputeUsers: 0 } },
});
const pipelineRun = await load({
  url: pipelineServer.base,
  connections,
  headers: auth,
  requests: rotating(recommendPaths),
  pid: pipelineServer.child.pid,
});
await stop(pipelineServer.child);

async function counts(file: string): Promise<number> {
  const reader = SqliteStore.open(file, { readOnly: true });
  const { interactions } = await reader.counts();
  await reader.close();
  return interactions;
}

const ratio = (run: Run) => Number((run.requestsPerSecond.median / ceilingRun.requestsPerSecond.median).toFixed(3));
const result = {
  machine: {
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    // Other jobs on the machine compete for its cores: the 1-minute load average at the start and the end.
    loadAverage: { start: loadAtStart, end: Number(os.loadavg()[0].toFixed(2)) },
  },
  setup: {
    connections,
    durationSeconds: duration,
    warmupSeconds: warmup,
    users: users.length,
    modelVersion,
    storeSeconds,
    readySeconds: Number(readySeconds.toFixed(1)),
  },
  ceiling: ceilingRun,
  cached: { ...cachedRun, ratioToCeiling: ratio(cachedRun), goal: '≥ 20,000 req/s, p99 ≤ 5 ms' },
  cachedOneUser: { ...cachedOneUser, ratioToCeiling: ratio(cachedOneUser) },
  pipeline: { ...pipelineRun, ratioToCeiling: ratio(pipelineRun), goal: '≥ 2,000 req/s, p99 ≤ 25 ms' },
  feedback: {
    ...feedbackRun,
    eventsPerSecond: {
      median: feedbackRun.requestsPerSecond.median * 100,
      mean: feedbackRun.requestsPerSecond.mean * 100,
    },
    acknowledgedEvents,
    persistedEvents: after - before,
    goal: '≥ 20,000 events/s persisted',
  },
};

const micros = (value: number | null) => (value === null ? '–' : value.toFixed(0));
const row = (name: string, run: Run, extra = '') =>
  `| ${name} | ${run.requestsPerSecond.median.toLocaleString('en-US')} | ${run.requestsPerSecond.mean.toLocaleString('en-US')} | ${run.latencyMs.p50} | ${run.latencyMs.p99} | ${run.errors + run.non2xx} | ${micros(run.cpuMicrosPerRequest.server)} / ${micros(run.cpuMicrosPerRequest.client)} | ${extra} |`;
const markdown = [
  `Serving benchmark: ${result.machine.cpu}, ${result.machine.cores} cores, ${result.machine.memoryGb} GB, Node ${result.machine.node}; load average ${result.machine.loadAverage.start} → ${result.machine.loadAverage.end} (other jobs); autocannon ${connections} connections, ${duration} s after ${warmup} s warm-up, loopback, load from a separate process.`,
  '',
  '| run | req/s (median) | req/s (mean) | p50 ms | p99 ms | errors | CPU µs/request server / client | notes |',
  '|---|---|---|---|---|---|---|---|',
  row('bare Fastify, fixed JSON (ceiling)', ceilingRun, 'same bytes as a 10-item answer'),
  row(
    'GET /api/recommend/:user?n=10, cached, one user',
    cachedOneUser,
    `default config (as the serving-throughput check); ${(ratio(cachedOneUser) * 100).toFixed(0)}% of ceiling`,
  ),
  row('same, users rotated', cachedRun, `${users.length} users; ${(ratio(cachedRun) * 100).toFixed(0)}% of ceiling`),
  row('same, cache off (full pipeline)', pipelineRun, `${(ratio(pipelineRun) * 100).toFixed(0)}% of ceiling`),
  row(
    'POST /api/feedback, 100 events per batch',
    feedbackRun,
    `${result.feedback.eventsPerSecond.median.toLocaleString('en-US')} events/s; ${result.feedback.persistedEvents.toLocaleString('en-US')} persisted of ${acknowledgedEvents.toLocaleString('en-US')} acknowledged`,
  ),
  '',
].join('\n');

const out = path.join(root, 'bench', 'results');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'serve.json'), `${JSON.stringify(result, null, 2)}\n`);
fs.writeFileSync(path.join(out, 'serve.md'), markdown);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n\n${markdown}`);
process.exit(0);

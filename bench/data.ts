// `npm run bench:data`: import ml-100k (CLI, end to end), build the columnar Dataset from the store, and stream a
// generated 10M-interaction CSV import in a child process under a 1 GB peak-RSS cap. Prints a markdown table and
// writes bench/results/data.json. Options: --rows N (size of the generated CSV), --skip-large (keeps the last recorded large rows), --runs N.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { datasetFromStore } from '../src/data/dataset-from-store.ts';
import { importData } from '../src/data/import/import-data.ts';
import { SqliteStore } from '../src/store/sqlite/store.ts';
import { movielens100kFiles, writeFiles } from '../test/helpers/dataset-fixtures.ts';
import { datasetsFolder } from '../test/helpers/datasets-folder.ts';

const { values: flags } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000000' },
    runs: { type: 'string', default: '3' },
    'skip-large': { type: 'boolean', default: false },
  },
});
const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'lmrec.js');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-bench-'));
const runs = Math.max(1, Number(flags.runs));

interface Row {
  measurement: string;
  median: number;
  /** Median CPU time (user + system) in the same unit, where measured: steadier than wall time on a busy machine. */
  cpu?: number;
  unit: string;
  goal: string;
  pass: boolean | null;
  runs: number[];
  note: string;
}
const rows: Row[] = [];

/** Milliseconds of CPU (user + system, all threads) since `start`. */
function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function freshDb(name: string): string {
  const file = path.join(scratch, name);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  return file;
}

/** Runs the CLI in a child with the RSS probe; returns wall seconds and the probe's numbers. */
function runCli(args: string[]): { seconds: number; maxRssBytes: number; cpuSeconds: number } {
  const probe = path.join(scratch, `probe-${process.hrtime.bigint()}.json`);
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', path.join(root, 'bench', 'rss-probe.ts'), bin, ...args], {
    env: { ...process.env, LMREC_BENCH_PROBE: probe },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`lmrec ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  const measured = JSON.parse(fs.readFileSync(probe, 'utf8'));
  return { seconds, maxRssBytes: measured.maxRssBytes, cpuSeconds: measured.userSeconds + measured.systemSeconds };
}

// 1. ml-100k import, end to end through the CLI (process start included), and in process.
let ml100k = path.join(datasetsFolder(), 'ml-100k');
let source = 'ml-100k';
if (!fs.existsSync(path.join(ml100k, 'u.data'))) {
  // Without the real data: the same layout and size, generated (943 users, 212 movies, 99,958 ratings).
  ml100k = writeFiles(path.join(scratch, 'ml-100k-synthetic'), movielens100kFiles({ users: 943, items: 212 }));
  source = 'generated ml-100k layout (real data not found)';
}
const loadBefore = os.loadavg()[0];
const cliSeconds: number[] = [];
const cliCpu: number[] = [];
for (let k = 0; k < runs; k++) {
  const result = runCli(['import', 'movielens', ml100k, '--db', freshDb(`cli-${k}.db`), '--quiet']);
  cliSeconds.push(result.seconds);
  cliCpu.push(result.cpuSeconds);
}
rows.push({
  measurement: 'import ml-100k, `lmrec import movielens` (wall, incl. process start)',
  median: median(cliSeconds),
  cpu: median(cliCpu),
  unit: 's',
  goal: '< 3 s',
  pass: median(cliSeconds) < 3,
  runs: cliSeconds,
  note: source,
});
const inProcess: number[] = [];
const inProcessCpu: number[] = [];
let db = '';
for (let k = 0; k < runs; k++) {
  db = freshDb(`lib-${k}.db`);
  const store = SqliteStore.open(db);
  const started = performance.now();
  const cpu = process.cpuUsage();
  await importData(store, { format: 'movielens', path: ml100k });
  inProcess.push((performance.now() - started) / 1000);
  inProcessCpu.push(cpuSince(cpu) / 1000);
  await store.close();
}
rows.push({
  measurement: 'import ml-100k, `importData` in process',
  median: median(inProcess),
  cpu: median(inProcessCpu),
  unit: 's',
  goal: '',
  pass: null,
  runs: inProcess,
  note: source,
});

// 2. The columnar Dataset from the store (the last in-process import).
const store = SqliteStore.open(db);
const buildMs: number[] = [];
const buildCpu: number[] = [];
let bytesCsr = 0;
let bytesWithCsc = 0;
let interactions = 0;
for (let k = 0; k < Math.max(5, runs * 2 + 1); k++) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { dataset } = await datasetFromStore(store);
  buildMs.push(performance.now() - started);
  buildCpu.push(cpuSince(cpu));
  interactions = dataset.interactionCount;
  bytesCsr = dataset.byteSize() / interactions;
  void dataset.byItem;
  bytesWithCsc = dataset.byteSize() / interactions;
}
await store.close();
rows.push({
  measurement: `Dataset from the store (${interactions.toLocaleString('en-US')} interactions)`,
  median: median(buildMs),
  cpu: median(buildCpu),
  unit: 'ms',
  goal: '< 200 ms',
  pass: median(buildMs) < 200,
  runs: buildMs,
  note: `first run includes warm-up (${buildMs[0].toFixed(0)} ms)`,
});
rows.push({
  measurement: 'Dataset bytes per interaction (CSR + times; with the CSC)',
  median: bytesCsr,
  unit: 'B',
  goal: '≈ 12',
  pass: bytesCsr < 13,
  runs: [bytesCsr, bytesWithCsc],
  note: `${bytesWithCsc.toFixed(1)} B with the CSC by item; id maps extra`,
});

// 3. A generated CSV imported in a child process, streaming, with its peak RSS.
let large: Record<string, number> | null = null;
if (!flags['skip-large']) {
  const count = Number(flags.rows);
  const csv = path.join(scratch, 'generated.csv');
  generateCsv(csv, count);
  const result = runCli([
    'import',
    'csv',
    csv,
    '--db',
    freshDb('large.db'),
    '--quiet',
    '--user',
    'user',
    '--item',
    'item',
    '--value',
    'rating',
    '--time',
    'time',
  ]);
  large = {
    rows: count,
    csvBytes: fs.statSync(csv).size,
    seconds: result.seconds,
    rowsPerSecond: count / result.seconds,
    maxRssBytes: result.maxRssBytes,
    cpuSeconds: result.cpuSeconds,
    dbBytes: fs.statSync(path.join(scratch, 'large.db')).size,
  };
  rows.push({
    measurement: `streamed csv import, ${count.toLocaleString('en-US')} interactions: peak RSS`,
    median: result.maxRssBytes / 1e6,
    unit: 'MB',
    goal: '< 1000 MB',
    pass: result.maxRssBytes < 1e9,
    runs: [result.maxRssBytes / 1e6],
    note: `one run; ${(large.csvBytes / 1e6).toFixed(0)} MB of CSV`,
  });
  rows.push({
    measurement: `streamed csv import, ${count.toLocaleString('en-US')} interactions: time`,
    median: result.seconds,
    cpu: result.cpuSeconds,
    unit: 's',
    goal: '',
    pass: null,
    runs: [result.seconds],
    note: `${Math.round(large.rowsPerSecond).toLocaleString('en-US')} rows/s; store ${(large.dbBytes / 1e6).toFixed(0)} MB`,
  });
} else {
  // Keep the last recorded large-import rows, marked with their date, so a quick run does not drop them.
  const previousFile = path.join(root, 'bench', 'results', 'data.json');
  if (fs.existsSync(previousFile)) {
    const previous = JSON.parse(fs.readFileSync(previousFile, 'utf8')) as {
      date: string;
      rows: Row[];
      large: typeof large;
    };
    large = previous.large;
    for (const row of previous.rows) {
      if (!row.measurement.startsWith('streamed csv import')) continue;
      const note = row.note.includes('(run of ') ? row.note : `${row.note} (run of ${previous.date.slice(0, 10)})`;
      rows.push({ ...row, note });
    }
  }
}

/** `count` ratings by 200k users on 50k items, skewed towards popular ones, in time order. */
function generateCsv(file: string, count: number): void {
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, 'user,item,rating,time\n');
  let state = 12_345;
  const next = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 4_294_967_296;
  };
  let lines: string[] = [];
  for (let k = 0; k < count; k++) {
    lines.push(
      `u${Math.floor(200_000 * next() ** 2)},i${Math.floor(50_000 * next() ** 3)},${1 + Math.floor(next() * 5)},${1_500_000_000 + k * 3}`,
    );
    if (lines.length === 100_000) {
      fs.writeSync(out, `${lines.join('\n')}\n`);
      lines = [];
    }
  }
  if (lines.length) fs.writeSync(out, `${lines.join('\n')}\n`);
  fs.closeSync(out);
}

const format = (value: number, unit: string) =>
  unit === 'ms' || unit === 'MB' ? value.toFixed(0) : unit === 'B' ? value.toFixed(1) : value.toFixed(2);
const loadAfter = os.loadavg()[0];
const table = [
  '| measurement | median (wall) | CPU | goal | pass | runs (wall) |',
  '|---|---|---|---|---|---|',
  ...rows.map(
    (row) =>
      `| ${row.measurement} | ${format(row.median, row.unit)} ${row.unit} | ${row.cpu === undefined ? '' : `${format(row.cpu, row.unit)} ${row.unit}`} | ${row.goal} | ${row.pass === null ? '' : row.pass ? 'yes' : 'NO'} | ${row.runs.map((value) => format(value, row.unit)).join(', ')} |`,
  ),
].join('\n');
const context = `${os.cpus().length} CPUs, load average ${loadBefore.toFixed(1)} at the start and ${loadAfter.toFixed(1)} at the end (wall times stretch when the load exceeds the CPUs; CPU times do not)`;
process.stdout.write(`${table}\n\n${context}\n${rows.map((row) => `- ${row.measurement}: ${row.note}`).join('\n')}\n`);
const results = {
  benchmark: 'data',
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryBytes: os.totalmem(), node: process.version },
  loadAverage: { start: loadBefore, end: loadAfter },
  rows,
  large,
};
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', 'data.json'), `${JSON.stringify(results, null, 2)}\n`);
fs.rmSync(scratch, { recursive: true, force: true });

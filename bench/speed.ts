// `npm run bench:speed`: training and serving speed of the recommenders, each figure with the GFLOP/s it achieves
// against the dot-product roofline measured here. Writes bench/results/speed.json and speed.md.
//   - iALS, 64 factors, 10M generated interactions (200k users, 50k items, power-law popularity), per iteration;
//   - EASE fit on ML-100K; top-10 for one user from that iALS over 50k items; HNSW recall@10 and query time.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Dataset } from '../src/core/dataset.ts';
import { IdMap } from '../src/core/id-map.ts';
import type { Progress } from '../src/core/progress.ts';
import { createRandom } from '../src/core/random.ts';
import { HnswIndex } from '../src/models/ann/hnsw.ts';
import { ease } from '../src/models/ease.ts';
import type { FactorModel } from '../src/models/factor-model.ts';
import { ials } from '../src/models/ials.ts';
import { measureRoofline } from './roofline.ts';
import { syntheticInteractions } from './synthetic-interactions.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

interface Row {
  benchmark: string;
  value: number;
  unit: string;
  target: string;
  gflops?: number;
  rooflineShare?: number;
  note: string;
}

const rows: Row[] = [];
const startLoad = loadavg()[0];
const log = (message: string) => process.stderr.write(`${message}\n`);

log('measuring the dot-product roofline…');
const roofline = await measureRoofline(1);
log(
  `roofline: ${roofline.singleThread.toFixed(2)} GFLOP/s on 1 thread, ${roofline.allCores.toFixed(2)} on ${roofline.cores}`,
);

// --- iALS on 10M generated interactions ---
const shape = quick
  ? { users: 20_000, items: 5_000, interactions: 1_000_000 }
  : { users: 200_000, items: 50_000, interactions: 10_000_000 };
log(`generating ${shape.interactions.toLocaleString('en-US')} interactions…`);
const generated = syntheticInteractions({ ...shape, seed: 7 });
const factors = 64;
const iterations = 3;
const epochTimes: number[] = [];
// Process CPU time (all threads) per iteration too: on a busy machine wall time grows, CPU time does not.
const epochCpu: number[] = [];
let last = 0;
let lastCpu = process.cpuUsage();
const timing: Progress = {
  start: () => {
    last = performance.now();
    lastCpu = process.cpuUsage();
  },
  tick: () => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    epochTimes.push((now - last) / 1000);
    epochCpu.push((cpu.user + cpu.system) / 1e6);
    last = now;
    lastCpu = process.cpuUsage();
  },
  note: log,
  done: () => {},
};
log(`iALS: ${factors} factors, ${iterations} iterations on ${roofline.cores} workers…`);
const model = (await ials.fit(
  generated,
  { factors, iterations },
  { seed: 1, workers: roofline.cores, progress: timing },
)) as FactorModel;
const iteration = median(epochTimes);
// Multiply-adds of one iteration: per side, the Gram matrix (rows·f²) and, per row, (cgSteps + 1) products with the
// Gram matrix (f²) and with the row's data term (2·n·f), plus the right-hand side (n·f).
const cgSteps = ials.defaults.cgSteps;
const nnz = generated.interactionCount;
const sideMacs = (rows: number, fixedRows: number) =>
  fixedRows * factors * factors + (cgSteps + 1) * (rows * factors * factors + 2 * nnz * factors) + nnz * factors;
const iterationFlops =
  2 * (sideMacs(generated.userCount, generated.itemCount) + sideMacs(generated.itemCount, generated.userCount));
rows.push({
  benchmark: `iALS iteration (${factors} factors, ${(nnz / 1e6).toFixed(1)}M interactions, ${generated.userCount / 1000}k users × ${generated.itemCount / 1000}k items, ${roofline.cores} cores)`,
  value: iteration,
  unit: 's',
  target: quick ? '(quick run)' : '≤ 3.5 s',
  gflops: iterationFlops / iteration / 1e9,
  rooflineShare: iterationFlops / iteration / 1e9 / roofline.allCores,
  note: `median of ${iterations}; CG ${cgSteps} steps; ${median(epochCpu).toFixed(2)} CPU-s per iteration (all threads)`,
});

// --- top-10 for one user over the catalog, exact ---
const random = createRandom(3);
const latencies: number[] = [];
for (let query = 0; query < 2100; query++) {
  const user = random.int(generated.userCount);
  const exclude = generated.itemsOf(user);
  const started = performance.now();
  model.recommend(user, 10, { exclude });
  if (query >= 100) latencies.push(performance.now() - started);
}
const topFlops = 2 * generated.itemCount * factors;
rows.push({
  benchmark: `iALS top-10 for one user, exact over ${generated.itemCount / 1000}k items`,
  value: median(latencies),
  unit: 'ms',
  target: '< 1 ms median',
  gflops: topFlops / (median(latencies) / 1000) / 1e9,
  rooflineShare: topFlops / (median(latencies) / 1000) / 1e9 / roofline.singleThread,
  note: `p99 ${percentile(latencies, 0.99).toFixed(3)} ms, 2000 users, training items excluded`,
});

// --- HNSW against exact ---
log('HNSW: building over the item factors…');
const snapshot = model.snapshot();
const itemFactors = snapshot.arrays.itemFactors as Float32Array;
let started = performance.now();
const index = HnswIndex.build(itemFactors, factors, { links: 24, efConstruction: 200, seed: 1 });
const buildSeconds = (performance.now() - started) / 1000;
for (const ef of [64, 200]) {
  let hits = 0;
  const times: number[] = [];
  for (let query = 0; query < 500; query++) {
    const user = random.int(generated.userCount);
    const exact = new Set(model.recommend(user, 10).items);
    const vector = model.userVector(user).slice(0, factors);
    started = performance.now();
    const approximate = index.search(vector, 10, { ef });
    times.push(performance.now() - started);
    for (const item of approximate.items) if (exact.has(item)) hits++;
  }
  rows.push({
    benchmark: `HNSW top-10 (M=24, efConstruction=200, ef=${ef}) over ${generated.itemCount / 1000}k iALS items`,
    value: median(times),
    unit: 'ms',
    target: 'recall@10 vs exact',
    note: `recall@10 ${(hits / 5000).toFixed(3)}; build ${buildSeconds.toFixed(1)} s (1 thread)`,
  });
}

// --- EASE on ML-100K ---
const datasets = process.env.LMREC_DATASETS ?? join(root, '..', 'shared', 'datasets');
const ratings = join(datasets, 'ml-100k', 'u.data');
if (existsSync(ratings)) {
  const lines = readFileSync(ratings, 'utf8').trim().split('\n');
  const users = new IdMap();
  const items = new IdMap();
  const fields = lines.map((line) => line.split('\t'));
  const data = Dataset.fromInteractions({
    users,
    items,
    interactions: {
      user: Int32Array.from(fields, (f) => users.add(f[0])),
      item: Int32Array.from(fields, (f) => items.add(f[1])),
      value: Float32Array.from(fields, (f) => Number(f[2])),
      time: Uint32Array.from(fields, (f) => Number(f[3])),
    },
  });
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let run = 0; run < 3; run++) {
    started = performance.now();
    const cpu = process.cpuUsage();
    await ease.fit(data, {}, { workers: roofline.cores });
    times.push((performance.now() - started) / 1000);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1e6);
  }
  const n = data.itemCount;
  // Three passes of n³/6 multiply-adds (Cholesky, inverse factor, product) = n³ FLOPs.
  const flops = n ** 3;
  rows.push({
    benchmark: `EASE fit on ML-100K (${n} items, λ=${ease.defaults.regularization})`,
    value: median(times),
    unit: 's',
    target: '< 2 s',
    gflops: flops / median(times) / 1e9,
    rooflineShare: flops / median(times) / 1e9 / roofline.allCores,
    note: `median of 3, Gram + SPD inverse + B; ${median(cpuTimes).toFixed(2)} CPU-s (all threads)`,
  });
} else {
  log(`EASE on ML-100K skipped: ${ratings} not found (set LMREC_DATASETS)`);
}

// Other processes on the machine slow every wall-clock figure; the load average says how busy it was.
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${roofline.cores} cores, Node ${process.versions.node}, load average ${startLoad.toFixed(1)} at start and ${loadavg()[0].toFixed(1)} at end`;
const result = {
  machine,
  roofline: {
    kernel: 'WASM SIMD f32x4 matrix × vector, 256×64 in cache',
    singleThreadGflops: roofline.singleThread,
    allCoresGflops: roofline.allCores,
  },
  results: rows,
};
const table = [
  `Machine: ${machine}. Roofline (our SIMD dot kernel, cache-resident): ${roofline.singleThread.toFixed(1)} GFLOP/s on 1 thread, ${roofline.allCores.toFixed(1)} GFLOP/s on ${roofline.cores}.`,
  '',
  '| benchmark | result | target | GFLOP/s | of roofline | note |',
  '|---|---|---|---|---|---|',
  ...rows.map(
    (row) =>
      `| ${row.benchmark} | ${row.value.toFixed(row.unit === 'ms' ? 3 : 2)} ${row.unit} | ${row.target} | ${row.gflops?.toFixed(2) ?? '–'} | ${row.rooflineShare === undefined ? '–' : `${(row.rooflineShare * 100).toFixed(0)}%`} | ${row.note} |`,
  ),
].join('\n');
if (!quick) {
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'speed.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(root, 'bench', 'results', 'speed.md'), `${table}\n`);
}
process.stdout.write(`${table}\n`);

// Measures `lmrec demo init`: build time (median of runs, in a fresh file store each), sizes and events per type.
// Prints a markdown table and writes bench/results/demo.json. Usage: node bench/demo.ts [--runs 3] [--scale 1]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDemoStore } from '../src/data/demo/demo-store.ts';
import { SqliteStore } from '../src/store/sqlite/store.ts';

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const runs = argument('runs', 3);
const scale = argument('scale', 1);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-bench-demo-'));
const samples: Array<{ seconds: number; cpuSeconds: number; rssMb: number; bytes: number }> = [];
let manifest: Awaited<ReturnType<typeof buildDemoStore>>['manifest'] | null = null;
for (let run = 0; run < runs; run++) {
  const file = path.join(dir, `demo-${run}.db`);
  const cpu = process.cpuUsage();
  const store = SqliteStore.open(file);
  const started = performance.now();
  const summary = await buildDemoStore(store, { scale });
  await store.close();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  samples.push({
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    rssMb: process.memoryUsage().rss / 1e6,
    bytes: fs.statSync(file).size,
  });
  manifest = summary.manifest;
  fs.rmSync(file, { force: true });
}
fs.rmSync(dir, { recursive: true, force: true });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const result = {
  scale,
  runs,
  medianSeconds: median(samples.map((sample) => sample.seconds)),
  medianCpuSeconds: median(samples.map((sample) => sample.cpuSeconds)),
  peakRssMb: Math.max(...samples.map((sample) => sample.rssMb)),
  databaseMb: median(samples.map((sample) => sample.bytes)) / 1e6,
  loadAverage: os.loadavg()[0],
  counts: manifest?.counts,
  samples,
};
fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
fs.writeFileSync(path.join(import.meta.dirname, 'results', 'demo.json'), `${JSON.stringify(result, null, 2)}\n`);
const events = manifest?.counts.events ?? { impression: 0, click: 0, cart: 0, purchase: 0 };
const rows = [
  ['build time (median wall s)', result.medianSeconds.toFixed(1)],
  ['build CPU time (median s)', result.medianCpuSeconds.toFixed(1)],
  ['peak RSS (MB)', result.peakRssMb.toFixed(0)],
  ['database size (MB)', result.databaseMb.toFixed(0)],
  [
    'items / users / follows',
    `${manifest?.counts.items} / ${manifest?.counts.users} / ${manifest?.counts.socialEdges}`,
  ],
  [
    'impressions / clicks / carts / purchases',
    `${events.impression} / ${events.click} / ${events.cart} / ${events.purchase}`,
  ],
  ['load average (1 min) at the end', result.loadAverage.toFixed(2)],
];
process.stdout.write(
  `| demo init, scale ${scale}, ${runs} runs | value |\n|---|---|\n${rows.map(([name, value]) => `| ${name} | ${value} |`).join('\n')}\n`,
);

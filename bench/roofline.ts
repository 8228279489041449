// The dot-product roofline of this machine: the f32 multiply-add rate of our SIMD dot-product kernel (matrix ×
// vector, 64 floats per row, on a 64 KiB matrix that stays in cache), on one thread and on every core at once.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { WasmArena } from '../src/models/kernels/wasm-arena.ts';

/** GFLOP/s (2 per multiply-add) of the kernel on cache-resident data, measured for about `seconds`. */
export function measureKernelPeak(seconds: number): number {
  const arena = WasmArena.create();
  const rows = 256;
  const dimension = 64;
  const matrix = arena.float32(rows * dimension).map((_, index) => Math.sin(index));
  const vector = arena.float32(dimension).fill(0.5);
  const out = arena.float32(rows);
  const bytes = dimension * 4;
  const run = (repeats: number) => {
    for (let r = 0; r < repeats; r++) {
      arena.kernels.matrixVector(matrix.byteOffset, rows, bytes, vector.byteOffset, out.byteOffset, bytes);
    }
  };
  run(2000);
  let repeats = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    run(1000);
    repeats += 1000;
  }
  const elapsed = (performance.now() - started) / 1000;
  return (2 * rows * dimension * repeats) / elapsed / 1e9;
}

/** The kernel's rate on one thread and summed over one worker per core running at once. */
export async function measureRoofline(seconds = 1): Promise<{ singleThread: number; allCores: number; cores: number }> {
  const singleThread = measureKernelPeak(seconds);
  const cores = availableParallelism();
  const rates = await Promise.all(
    Array.from(
      { length: cores },
      () =>
        new Promise<number>((resolve, reject) => {
          const worker = new Worker(new URL('./roofline-worker.ts', import.meta.url), { workerData: { seconds } });
          worker.once('message', (rate: number) => {
            resolve(rate);
            void worker.terminate();
          });
          worker.once('error', reject);
        }),
    ),
  );
  return { singleThread, allCores: rates.reduce((sum, rate) => sum + rate, 0), cores };
}

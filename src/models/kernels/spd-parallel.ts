// Inverts an SPD matrix held in a WasmArena, with passes 2 and 3 of spd-inverse.ts split across worker threads.

import { InvalidInputError } from '../../core/errors.ts';
import { choleskyRows, inverseFactorRows, inverseProductRows, type SquareMatrix } from './spd-inverse.ts';
import type { WasmArena } from './wasm-arena.ts';
import { balancedRanges, WorkerPool } from './worker-pool.ts';

/** Writes the upper triangle of A⁻¹ to `out` (same shape); A is destroyed. `threads` 1 stays in this thread. */
export async function invertSymmetric(options: {
  arena: WasmArena;
  matrix: SquareMatrix;
  out: number;
  threads: number;
}): Promise<void> {
  const { arena, matrix, out } = options;
  const diagonal = new Float32Array(matrix.n);
  if (!choleskyRows(arena, matrix, diagonal)) {
    throw new InvalidInputError('the regularised Gram matrix is not positive definite; raise the regularisation', {
      context: { field: 'regularization' },
    });
  }
  const { n } = matrix;
  if (options.threads <= 1) {
    inverseFactorRows({ arena, matrix, diagonal, start: 0, end: n });
    inverseProductRows({ arena, matrix, out, start: 0, end: n });
    return;
  }
  const pool = WorkerPool.create({
    module: new URL('./spd-worker.ts', import.meta.url),
    size: options.threads,
    shared: { memory: arena.memory, matrix, out },
  });
  try {
    // Row j of both passes costs about (n − j)² / 2.
    const ranges = balancedRanges(n, options.threads * 8, (row) => (n - row) ** 2);
    await pool.map(
      'factor',
      ranges.map(([start, end]) => ({ start, end, diagonal })),
    );
    await pool.map(
      'product',
      ranges.map(([start, end]) => ({ start, end })),
    );
  } finally {
    await pool.close();
  }
}

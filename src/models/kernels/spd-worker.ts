// Worker thread for the SPD inverse: passes 2 and 3 over row ranges of a matrix in a shared memory.

import { inverseFactorRows, inverseProductRows, type SquareMatrix } from './spd-inverse.ts';
import { WasmArena } from './wasm-arena.ts';
import { serveTasks } from './worker-pool.ts';

interface Shared {
  memory: WebAssembly.Memory;
  matrix: SquareMatrix;
  out: number;
}

let arena: WasmArena | null = null;

serveTasks({
  factor: (task: { start: number; end: number; diagonal: Float32Array }, shared: Shared) => {
    arena ??= WasmArena.attach(shared.memory);
    inverseFactorRows({ arena, matrix: shared.matrix, ...task });
  },
  product: (task: { start: number; end: number }, shared: Shared) => {
    arena ??= WasmArena.attach(shared.memory);
    inverseProductRows({ arena, matrix: shared.matrix, out: shared.out, ...task });
  },
});

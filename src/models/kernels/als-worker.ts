// Worker thread for implicit ALS: solves row ranges and accumulates partial Gram matrices in the shared memory.

import { type AlsLayout, accumulateGram, solveRows } from './als-solver.ts';
import { WasmArena } from './wasm-arena.ts';
import { serveTasks } from './worker-pool.ts';

let arena: WasmArena | null = null;
const attach = (layout: AlsLayout) => {
  arena ??= WasmArena.attach(layout.memory);
  return arena;
};

interface Shared {
  layout: AlsLayout;
  identity: { indices: number; ones: number };
}

serveTasks({
  solve: (task: { side: 'users' | 'items'; start: number; end: number }, shared: Shared, index: number) => {
    solveRows({ arena: attach(shared.layout), layout: shared.layout, ...task, slot: index });
  },
  gram: (task: { side: 'users' | 'items'; start: number; end: number }, shared: Shared, index: number) => {
    const { layout } = shared;
    // Accumulates into this worker's slot; the caller zeroed every slot before dispatching.
    const out = layout.scratch[index] + 3 * layout.stride * 4;
    accumulateGram({ arena: attach(layout), layout, ...task, identity: shared.identity, out });
  },
});

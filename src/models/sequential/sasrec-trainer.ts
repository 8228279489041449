// SASRec training: every user's sequence cut into windows of at most maxLength inputs (each position predicts the
// next item, as in SASRec), shuffled into batches; per batch, shared negatives are drawn, threads compute gradients
// of their share in one shared WebAssembly memory, and the main thread sums them and takes an AdamW step.

import type { Dataset } from '../../core/dataset.ts';
import { createRandom, type Random, shuffle } from '../../core/random.ts';
import { WasmArena } from '../kernels/wasm-arena.ts';
import { WorkerPool } from '../kernels/worker-pool.ts';
import { Adam } from '../neural/adam.ts';
import { FloatBump } from '../neural/float-bump.ts';
import type { DropoutRates } from '../neural/transformer-block.ts';
import {
  type GradientTask,
  type SasRecShared,
  shareGradients,
  type ThreadContext,
  threadContext,
  workspaceFloats,
} from './sasrec-gradients.ts';
import { bindWeights, decayMask, initializeWeights, parameterCount, type SasRecShape } from './sasrec-weights.ts';

export interface TrainerOptions {
  shape: SasRecShape;
  dropout: DropoutRates;
  /** Sampled negatives per batch; 0 (or at least the catalog) means the full softmax. */
  negatives: number;
  batchSize: number;
  learningRate: number;
  weightDecay: number;
  clipNorm: number;
  threads: number;
  seed: number;
}

export class SasRecTrainer {
  readonly shape: SasRecShape;
  readonly parameters: Float32Array;
  readonly #shared: SasRecShared;
  readonly #options: TrainerOptions;
  readonly #windows: Int32Array;
  readonly #adam: Adam;
  readonly #candidateIds: Int32Array;
  readonly #candidateIndex: Int32Array;
  readonly #candidateRows: Float32Array;
  readonly #permutation: Int32Array;
  readonly #random: Random;
  readonly #pool: WorkerPool | null;
  readonly #contexts: ThreadContext[] = [];
  readonly #gradients: Float32Array[];
  readonly #candidateGradients: Float32Array[];
  #candidateCount = 0;

  constructor(dataset: Dataset, options: TrainerOptions) {
    const { shape } = options;
    this.shape = shape;
    this.#options = options;
    this.#random = createRandom(options.seed);
    const full = options.negatives <= 0 || options.negatives >= shape.items - 1;
    const capacity = full ? shape.items : options.negatives;
    const count = parameterCount(shape);
    const workspace = workspaceFloats(shape);
    const d = shape.dimension;
    const threads = Math.max(1, options.threads);
    const perThread = 2 * count + workspace + capacity * d + shape.maxLength * capacity + 64;
    const arena = WasmArena.create(4 * (count + threads * perThread + capacity * d + 2 * shape.items + 4096));
    this.parameters = arena.float32(count);
    initializeWeights(bindWeights(new FloatBump(this.parameters), shape), this.#random);
    const regions = Array.from({ length: threads }, () => ({
      gradients: arena.float32(count).byteOffset,
      workspace: arena.float32(workspace).byteOffset,
      workspaceFloats: workspace,
      candidateGradient: arena.float32(capacity * d).byteOffset,
      logits: arena.float32(shape.maxLength * capacity).byteOffset,
    }));
    this.#candidateRows = arena.float32(capacity * d);
    this.#candidateIds = arena.int32(capacity);
    this.#candidateIndex = arena.int32(shape.items).fill(-1);
    const sequence = new Int32Array(new SharedArrayBuffer(Math.max(4, dataset.byUser.indices.byteLength)));
    sequence.set(dataset.byUser.indices);
    this.#shared = {
      memory: arena.memory,
      shape,
      dropout: options.dropout,
      parameters: this.parameters.byteOffset,
      parameterCount: count,
      threads: regions,
      full,
      candidateCapacity: capacity,
      candidateRows: this.#candidateRows.byteOffset,
      candidateIndex: this.#candidateIndex.byteOffset,
      sequence,
    };
    this.#gradients = regions.map((region) => new Float32Array(arena.memory.buffer, region.gradients, count));
    this.#candidateGradients = regions.map(
      (region) => new Float32Array(arena.memory.buffer, region.candidateGradient, capacity * d),
    );
    this.#windows = trainingWindows(dataset, shape.maxLength);
    this.#permutation = Int32Array.from({ length: shape.items }, (_, item) => item);
    this.#adam = new Adam(
      count,
      { learningRate: options.learningRate, weightDecay: options.weightDecay, clipNorm: options.clipNorm },
      decayMask(shape),
    );
    this.#pool =
      threads > 1
        ? WorkerPool.create({
            module: new URL('./sasrec-worker.ts', import.meta.url),
            size: threads,
            shared: this.#shared,
          })
        : null;
    if (!this.#pool) this.#contexts.push(threadContext(this.#shared, 0));
  }

  /** Training windows (input positions) per epoch. */
  get positions(): number {
    let total = 0;
    for (let w = 0; w < this.#windows.length; w += 2) total += this.#windows[w + 1] - this.#windows[w];
    return total;
  }

  /** One pass over every window; returns the mean cross-entropy per predicted position. */
  async epoch(epoch: number): Promise<number> {
    const windowCount = this.#windows.length / 2;
    const order = Array.from({ length: windowCount }, (_, index) => index);
    shuffle(order, this.#random);
    const batchSize = this.#options.batchSize;
    let loss = 0;
    let positions = 0;
    for (let first = 0; first < windowCount; first += batchSize) {
      const batch = order.slice(first, first + batchSize);
      const result = await this.#step(batch, (this.#options.seed * 1_000_003 + epoch * 7919 + first) >>> 0);
      loss += result.loss;
      positions += result.positions;
    }
    return positions ? loss / positions : 0;
  }

  async close(): Promise<void> {
    await this.#pool?.close();
  }

  async #step(batch: number[], seed: number): Promise<{ loss: number; positions: number }> {
    const windows = this.#windows;
    let positions = 0;
    for (const index of batch) positions += windows[2 * index + 1] - windows[2 * index];
    if (!this.#shared.full) this.#drawCandidates();
    const threads = this.#shared.threads.length;
    const shares = splitByCost(batch, threads, (index) => windows[2 * index + 1] - windows[2 * index]);
    const tasks: GradientTask[] = shares.map((share) => ({
      windows: share.flatMap((index) => [windows[2 * index], windows[2 * index + 1]]),
      candidateCount: this.#candidateCount,
      seed,
      weight: 1 / positions,
    }));
    const losses = this.#pool
      ? await this.#pool.map<number>('gradients', tasks)
      : [shareGradients(this.#contexts[0], tasks[0])];
    const total = this.#gradients[0];
    for (let thread = 1; thread < threads; thread++) {
      const other = this.#gradients[thread];
      for (let index = 0; index < total.length; index++) total[index] += other[index];
    }
    if (!this.#shared.full) this.#scatterCandidateGradients(total);
    this.#adam.step(this.parameters, total);
    return { loss: losses.reduce((sum, value) => sum + value, 0), positions };
  }

  /** Distinct uniform negatives (a partial Fisher-Yates shuffle), their rows gathered for the kernels. */
  #drawCandidates(): void {
    const { items, dimension: d } = this.shape;
    const count = Math.min(this.#shared.candidateCapacity, items);
    for (let k = 0; k < this.#candidateCount; k++) this.#candidateIndex[this.#candidateIds[k]] = -1;
    const permutation = this.#permutation;
    const embeddings = this.parameters;
    for (let k = 0; k < count; k++) {
      const pick = k + this.#random.int(items - k);
      const item = permutation[pick];
      permutation[pick] = permutation[k];
      permutation[k] = item;
      this.#candidateIds[k] = item;
      this.#candidateIndex[item] = k;
      this.#candidateRows.set(embeddings.subarray(item * d, (item + 1) * d), k * d);
    }
    this.#candidateCount = count;
  }

  /** Adds each thread's candidate-row gradients into the item embedding rows of `total` (items come first). */
  #scatterCandidateGradients(total: Float32Array): void {
    const d = this.shape.dimension;
    for (const gradient of this.#candidateGradients) {
      for (let k = 0; k < this.#candidateCount; k++) {
        const row = this.#candidateIds[k] * d;
        for (let column = 0; column < d; column++) total[row + column] += gradient[k * d + column];
      }
    }
  }
}

/**
 * [start, end) input ranges into the dataset's item array: each user's sequence (but its last item, which is only a
 * target) cut from the end into windows of at most `maxLength` (as LlamaRec's sliding window of step maxLength).
 */
export function trainingWindows(dataset: Dataset, maxLength: number): Int32Array {
  const { indptr } = dataset.byUser;
  const windows: number[] = [];
  for (let user = 0; user < dataset.userCount; user++) {
    const first = indptr[user];
    for (let end = indptr[user + 1] - 1; end > first; end -= maxLength) {
      windows.push(Math.max(first, end - maxLength), end);
    }
  }
  return Int32Array.from(windows);
}

/** Splits `entries` into `parts` contiguous groups of similar total cost. */
function splitByCost(entries: number[], parts: number, cost: (entry: number) => number): number[][] {
  if (parts === 1) return [entries];
  let total = 0;
  for (const entry of entries) total += cost(entry);
  const groups: number[][] = Array.from({ length: parts }, () => []);
  let group = 0;
  let accumulated = 0;
  for (const entry of entries) {
    if (accumulated >= ((group + 1) * total) / parts && group < parts - 1) group++;
    groups[group].push(entry);
    accumulated += cost(entry);
  }
  return groups;
}

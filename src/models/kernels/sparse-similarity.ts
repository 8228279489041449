// Sparse entity-entity similarity by accumulation: for entity e, Σ over its features f and over the entities e2
// sharing f of w(e, f)·w(f, e2), then a similarity from that sum and per-entity statistics, keeping the top k.
// One kernel serves ItemKNN and UserKNN (cosine, asymmetric cosine, Jaccard), RP3beta and association rules.

import type { SparseRows } from '../../core/dataset.ts';
import { TopKHeap } from './top-k.ts';

export type SimilarityMode = 'cosine' | 'asymmetric' | 'jaccard' | 'rp3beta' | 'support' | 'confidence' | 'lift';

export interface SimilarityInput {
  /** Entity → features, weighted. */
  rows: SparseRows;
  /** Feature → entities, weighted (the transpose of `rows`, possibly weighted differently, as in RP3beta). */
  columns: SparseRows;
  mode: SimilarityMode;
  /**
   * Per entity: Σ w² (cosine, asymmetric), the feature count (jaccard, support, confidence, lift),
   * or the popularity penalty degree^β (rp3beta).
   */
  statistics: Float32Array;
  /** Added to the denominator: damps similarities resting on few shared features. */
  shrink: number;
  /** Asymmetric cosine exponent α: (x·y) / (‖x‖^{2α} ‖y‖^{2(1−α)}) (Aiolli 2013). */
  alpha: number;
  /** Neighbours kept per entity. */
  topK: number;
  /** Pairs sharing fewer features (or with a smaller co-count) are dropped. */
  minCount: number;
  /** Number of features (users) for support and lift. */
  featureTotal: number;
}

/** Top-k similar entities of rows [start, end), as CSR rows relative to `start` (best first). */
export function similarityRows(input: SimilarityInput, start: number, end: number): SparseRows {
  const entityCount = input.rows.indptr.length - 1;
  const accumulator = new Float64Array(entityCount);
  const counts = new Int32Array(entityCount);
  const touched = new Int32Array(entityCount);
  const heap = new TopKHeap(Math.min(input.topK, entityCount));
  const indptr = new Int32Array(end - start + 1);
  const indices: number[] = [];
  const values: number[] = [];
  const { rows, columns } = input;
  for (let entity = start; entity < end; entity++) {
    let touchedCount = 0;
    for (let p = rows.indptr[entity]; p < rows.indptr[entity + 1]; p++) {
      const feature = rows.indices[p];
      const weight = rows.values[p];
      for (let q = columns.indptr[feature]; q < columns.indptr[feature + 1]; q++) {
        const other = columns.indices[q];
        if (other === entity) continue;
        if (counts[other] === 0) touched[touchedCount++] = other;
        counts[other]++;
        accumulator[other] += weight * columns.values[q];
      }
    }
    heap.size = 0;
    for (let t = 0; t < touchedCount; t++) {
      const other = touched[t];
      if (counts[other] >= input.minCount) {
        const similarity = finish(input, entity, other, accumulator[other]);
        if (similarity > 0) heap.push(other, similarity);
      }
      accumulator[other] = 0;
      counts[other] = 0;
    }
    const { items, scores } = heap.sorted();
    for (let index = 0; index < items.length; index++) {
      indices.push(items[index]);
      values.push(scores[index]);
    }
    indptr[entity - start + 1] = indices.length;
  }
  return { indptr, indices: Int32Array.from(indices), values: Float32Array.from(values) };
}

function finish(input: SimilarityInput, entity: number, other: number, sum: number): number {
  const a = input.statistics[entity];
  const b = input.statistics[other];
  switch (input.mode) {
    case 'cosine':
      return sum / (Math.sqrt(a * b) + input.shrink + 1e-12);
    case 'asymmetric':
      return sum / (a ** input.alpha * b ** (1 - input.alpha) + input.shrink + 1e-12);
    case 'jaccard':
      return sum / (a + b - sum + input.shrink);
    case 'rp3beta':
      return sum / (b + 1e-12);
    case 'support':
      return sum / input.featureTotal;
    case 'confidence':
      return sum / (a + input.shrink);
    case 'lift':
      return (sum * input.featureTotal) / (a * b + input.shrink);
  }
}

/** Concatenates consecutive CSR blocks into one. */
export function concatenateRows(blocks: SparseRows[]): SparseRows {
  const rowCount = blocks.reduce((sum, block) => sum + block.indptr.length - 1, 0);
  const nnz = blocks.reduce((sum, block) => sum + block.indices.length, 0);
  const indptr = new Int32Array(rowCount + 1);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let row = 0;
  let offset = 0;
  for (const block of blocks) {
    for (let r = 1; r < block.indptr.length; r++) indptr[++row] = offset + block.indptr[r];
    indices.set(block.indices, offset);
    values.set(block.values, offset);
    offset += block.indices.length;
  }
  return { indptr, indices, values };
}

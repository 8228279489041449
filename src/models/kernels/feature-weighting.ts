// Feature weighting of an interaction matrix before similarity: TF-IDF, or Okapi BM25 (Robertson et al. 1995;
// K1 = 1.2, B = 0.75), which damp features shared by many entities (e.g. heavy users in item-item similarity).

import type { SparseRows } from '../../core/dataset.ts';

export type FeatureWeighting = 'none' | 'tfidf' | 'bm25';

/** What weighting needs from the whole matrix, kept so one new row (an anonymous user) is weighted alike. */
export interface WeightingModel {
  scheme: FeatureWeighting;
  /** log(entities / document frequency) per feature. */
  idf: Float32Array;
  /** Mean row length (Σ values), for BM25's length normalisation. */
  averageLength: number;
}

const k1 = 1.2;
const b = 0.75;

/** Learns idf and the mean row length of `rows` (entity → feature). */
export function weightingModel(rows: SparseRows, featureCount: number, scheme: FeatureWeighting): WeightingModel {
  const entityCount = rows.indptr.length - 1;
  const documentFrequency = new Float64Array(featureCount);
  for (const feature of rows.indices) documentFrequency[feature]++;
  const idf = Float32Array.from(documentFrequency, (frequency) => Math.log(entityCount / Math.max(1, frequency)));
  let total = 0;
  for (const value of rows.values) total += value;
  return { scheme, idf, averageLength: total / Math.max(1, entityCount) };
}

/** Weighted values of one row (its features and raw values). */
export function weightRow(model: WeightingModel, features: Int32Array, values: Float32Array): Float32Array {
  const out = new Float32Array(values.length);
  if (model.scheme === 'none') {
    out.set(values);
    return out;
  }
  let length = 0;
  for (const value of values) length += value;
  const norm = k1 * (1 - b + (b * length) / (model.averageLength || 1));
  for (let p = 0; p < values.length; p++) {
    const tf = values[p];
    const idf = model.idf[features[p]];
    out[p] = model.scheme === 'tfidf' ? tf * idf : ((tf * (k1 + 1)) / (tf + norm)) * idf;
  }
  return out;
}

/** Returns `rows` (entity → feature) with weighted values; 'none' returns it unchanged. */
export function weightFeatures(rows: SparseRows, featureCount: number, scheme: FeatureWeighting): SparseRows {
  if (scheme === 'none') return rows;
  const model = weightingModel(rows, featureCount, scheme);
  const values = new Float32Array(rows.values.length);
  for (let entity = 0; entity < rows.indptr.length - 1; entity++) {
    const start = rows.indptr[entity];
    const end = rows.indptr[entity + 1];
    values.set(weightRow(model, rows.indices.subarray(start, end), rows.values.subarray(start, end)), start);
  }
  return { indptr: rows.indptr, indices: rows.indices, values };
}

/** Per-row Σ w² (for cosine norms) or the row's entry count. */
export function rowStatistics(rows: SparseRows, kind: 'squares' | 'counts'): Float32Array {
  const entityCount = rows.indptr.length - 1;
  const out = new Float32Array(entityCount);
  for (let entity = 0; entity < entityCount; entity++) {
    let sum = 0;
    for (let p = rows.indptr[entity]; p < rows.indptr[entity + 1]; p++) {
      sum += kind === 'squares' ? rows.values[p] * rows.values[p] : 1;
    }
    out[entity] = sum;
  }
  return out;
}

/** The same pattern with every value 1. */
export function binaryRows(rows: SparseRows): SparseRows {
  return { indptr: rows.indptr, indices: rows.indices, values: new Float32Array(rows.values.length).fill(1) };
}

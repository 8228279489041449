// lmrec's public API. Each layer exports its entry points here.

export * from './core/config/index.ts';
export { type Aggregate, Dataset, type Interactions, type SparseRows, transpose } from './core/dataset.ts';
export * from './core/errors.ts';
export { IdMap } from './core/id-map.ts';
export { itemText } from './core/item-text.ts';
export { type Progress, silentProgress } from './core/progress.ts';
export { createRandom, hashString, type Random, shuffle } from './core/random.ts';
export * from './core/types.ts';
export { type DatasetFromStoreOptions, datasetFromStore, type StoreDataset } from './data/dataset-from-store.ts';
export * from './data/demo/index.ts';
export { type StoreStats, storeStats } from './data/stats.ts';
export * from './llm/index.ts';
export * from './llmrec/index.ts';
export type * from './models/recommender.ts';
export { openStore } from './store/open.ts';
export { SqliteStore } from './store/sqlite/store.ts';
export type * from './store/store.ts';

// lmrec's public API. Each layer exports its entry points here.

export * from './core/config/index.ts';
export { type Aggregate, Dataset, type Interactions, type SparseRows, transpose } from './core/dataset.ts';
export * from './core/errors.ts';
export { IdMap } from './core/id-map.ts';
export { itemText } from './core/item-text.ts';
export { type Progress, silentProgress } from './core/progress.ts';
export { createRandom, hashString, type Random, shuffle } from './core/random.ts';
export * from './core/types.ts';
export { compact } from './data/clean/compact.ts';
export { type DedupeOptions, dedupe, dedupeEvents } from './data/clean/dedupe.ts';
export { type ImplicitOptions, toImplicit } from './data/clean/implicit.ts';
export { type KCoreOptions, type KCoreResult, kCore } from './data/clean/k-core.ts';
export { lastDays, type TimeWindowOptions, timeWindow } from './data/clean/time-window.ts';
export { type DatasetFromStoreOptions, datasetFromStore, type StoreDataset } from './data/dataset-from-store.ts';
export * from './data/demo/index.ts';
export { type CatalogEntry, datasetCatalog } from './data/download/dataset-catalog.ts';
export {
  type DownloadDatasetOptions,
  type DownloadDatasetResult,
  downloadDataset,
} from './data/download/download-dataset.ts';
export { extractZip, listZip, type ZipEntry } from './data/download/zip-reader.ts';
export {
  type CategoryMultiHot,
  categoryMultiHot,
  createdTimes,
  itemTexts,
  loadCatalog,
} from './data/features/item-catalog.ts';
export {
  itemPopularity,
  itemRecency,
  itemTimes,
  type PopularityOptions,
  type RecencyOptions,
} from './data/features/item-popularity.ts';
export { type UserActivity, userActivity } from './data/features/user-activity.ts';
export { type ImportFormat, type ImportRequest, importData, importFormats } from './data/import/import-data.ts';
export type { ErrorPolicy, ImportOptions, ImportReport, SkippedRow } from './data/import/import-session.ts';
export type { TableImportOptions } from './data/import/table-import.ts';
export { type StoreStats, storeStats } from './data/stats.ts';
export * from './llm/index.ts';
export type * from './models/recommender.ts';
export { openStore } from './store/open.ts';
export { SqliteStore } from './store/sqlite/store.ts';
export type * from './store/store.ts';

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
export * from './data/splits/index.ts';
export { type StoreStats, storeStats } from './data/stats.ts';
export * from './eval/experiments/index.ts';
export * from './eval/index.ts';
export * from './eval/monitoring/index.ts';
export * from './llm/index.ts';
export * from './llmrec/index.ts';
export { type BatchOptions, type BatchResult, recommendAll } from './models/batch-recommend.ts';
export { bpr } from './models/bpr.ts';
export { impressionPropensities, popularityPropensities } from './models/causal/exposure-propensity.ts';
export { fitIpsMf, ipsMf } from './models/causal/ips-mf.ts';
export { type PositionBias, positionBiasFromRandomisedLists, type ShownList } from './models/causal/position-bias.ts';
export { ipwAverageEffect, TLearner, type UpliftData } from './models/causal/uplift.ts';
export { ContentModel, content } from './models/content.ts';
export { cooccurrence } from './models/cooccurrence.ts';
export { DenseItemModel } from './models/dense-item-model.ts';
export { ease } from './models/ease.ts';
export { FactorModel } from './models/factor-model.ts';
export { type Bundle, type BundleOptions, completeTheKit } from './models/graph/bundles.ts';
export { type ComplementRule, ItemGraph, type ItemGraphOptions } from './models/graph/item-graph.ts';
export { HybridModel } from './models/hybrid.ts';
export { ials } from './models/ials.ts';
export { itemKnn } from './models/item-knn.ts';
export { selectTopK, TopKHeap } from './models/kernels/top-k.ts';
export { latest, StaticScoreModel } from './models/latest.ts';
export { decodeModel, encodeModel, modelFormatVersion, readModelFile, writeModelFile } from './models/model-file.ts';
export { formatModelSpec, type ModelSpec, parseModelSpec, resolveParams } from './models/params.ts';
export { PopularityModel, popularity } from './models/popularity.ts';
export { expectedCalibrationError, fitIsotonic, fitPlatt, reliabilityCurve } from './models/ranking/calibration.ts';
export { LearnedRanker, learnedRankerDefaults, loadLearnedRanker } from './models/ranking/learned-ranker.ts';
export { auc, groupAuc, logLoss } from './models/ranking/metrics.ts';
export { compileObjective, diversify } from './models/ranking/objective.ts';
export { PopularityRanker } from './models/ranking/popularity-ranker.ts';
export type { RankCandidate, Ranker, RankRequest } from './models/ranking/ranker.ts';
export { type TrainedRanker, type TrainRankerOptions, trainLearnedRanker } from './models/ranking/train-ranker.ts';
export type * from './models/recommender.ts';
export {
  fitModel,
  getRecommender,
  loadModel,
  loadSnapshot,
  modelRegistry,
  recommenderNames,
  recommenders,
  saveModel,
} from './models/registry.ts';
export { rp3beta } from './models/rp3beta.ts';
export { ScoringModel } from './models/scoring-model.ts';
export { fpmc } from './models/sequential/fpmc.ts';
export { markov } from './models/sequential/markov.ts';
export { SasRecModel, sasrec } from './models/sequential/sasrec.ts';
export { sessionKnn } from './models/sequential/session-knn.ts';
export { socialMf } from './models/social/social-mf.ts';
export { trustKnn } from './models/social/trust-knn.ts';
export { SparseItemModel } from './models/sparse-item-model.ts';
export { runEpochs, validationNdcg } from './models/training.ts';
export { trending } from './models/trending.ts';
export { UserKnnModel, userKnn } from './models/user-knn.ts';
export { Catalog } from './pipeline/catalog.ts';
export { loadRegistry } from './pipeline/default-registry.ts';
export { RecommendationEngine, type RecommendQuery, type RecommendResponse } from './pipeline/engine.ts';
export { hybridSearch, type QueryEmbedder, type SearchResult } from './pipeline/hybrid-search.ts';
export { type InterestQuery, interestQueries } from './pipeline/interest-terms.ts';
export { embedItems } from './pipeline/item-vectors.ts';
export { bundleBlobName, ModelBundle, type ModelRegistry } from './pipeline/model-bundle.ts';
export { type PipelineInputs, RecommendationPipeline } from './pipeline/pipeline.ts';
export {
  fuseQueryHits,
  type Q2iEntry,
  type Q2iQuery,
  type Q2iRefreshPolicy,
  q2iNamespace,
  q2iStaleness,
  readQ2iEntry,
  writeQ2iEntry,
} from './pipeline/q2i-cache.ts';
export {
  groundReasons,
  type ReasonsEntry,
  type ReasonWriter,
  readReasons,
  reasonsNamespace,
  type WrittenReason,
  writeReasons,
} from './pipeline/reasons-cache.ts';
export { Q2iSource } from './pipeline/sources/q2i-source.ts';
export {
  groundOrder,
  type ListReranker,
  type ListRerankOutcome,
  type ListRerankRequest,
  llmRerank,
} from './pipeline/stages/llm-rerank.ts';
export { loadBundle, saveBundle, trainBundle } from './pipeline/trainer.ts';
export type * from './pipeline/types.ts';
export { UserHistory } from './pipeline/user-history.ts';
export { buildApp } from './server/app.ts';
export { ApiKeys } from './server/auth/api-keys.ts';
export { llmPipelinePorts } from './server/llm-pipeline-ports.ts';
export { type ApiServer, createServer, type ServerOptions } from './server/serve.ts';
export { MemorySharedState } from './store/memory/shared-state.ts';
export { openStore } from './store/open.ts';
export { openSharedState } from './store/open-shared-state.ts';
export { PostgresStore } from './store/postgres/store.ts';
export { RedisSharedState } from './store/redis/shared-state.ts';
export type * from './store/shared-state.ts';
export { SqliteStore } from './store/sqlite/store.ts';
export type * from './store/store.ts';
export { FlatVectorIndex } from './store/vector-index.ts';

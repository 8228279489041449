// Offline evaluation: metrics, protocols, experiments, significance tests, tuning and reports.

export {
  compareAllPairs,
  compareModelPair,
  compareWithBest,
  type ModelComparison,
  pairedValues,
} from './compare-models.ts';
export { type EvaluateOptions, type Evaluation, evaluateModel } from './evaluate.ts';
export { type ExperimentOptions, type ModelResult, type RunResult, runExperiment } from './experiment.ts';
export { type ExperimentDocument, experimentDocument, protocolDocument } from './experiment-output.ts';
export { categoryFeatures } from './item-features.ts';
// Offline metric names; `metricNames`/`MetricName` at the top level belong to online experiments.
export {
  accuracyMetrics,
  defaultMetrics,
  type MetricName as OfflineMetricName,
  metricKey,
  metricNames as offlineMetricNames,
  parseMetricNames,
} from './metric-names.ts';
export * from './metrics/beyond-accuracy.ts';
export * from './metrics/ranking-metrics.ts';
export { parseModelSpecs } from './model-specs.ts';
export type { NegativeSampling } from './negative-sampling.ts';
export { describeProtocol, type Protocol, type ProtocolName, protocolNames, protocolSplits } from './protocol.ts';
export { type RecommenderRegistry, registryOf, resolveRecommender } from './recommender-registry.ts';
export { htmlReport, type ReportInput } from './report/html-report.ts';
export { sideInformation } from './side-information.ts';
export { bootstrapInterval, type PairedComparison, pairedComparison } from './significance.ts';
export { type Dimension, defaultSearchSpace, type SearchSpace } from './tuning/search-space.ts';
export { type TuneOptions, type TuneResult, tuneModel } from './tuning/tune.ts';

// Online experiments: definitions and assignment, exposure logging, statistics, reports, interleaving, off-policy
// evaluation, and simulation against the demo shop's ground truth.

export {
  analyzeExperiment,
  type ExperimentReport,
  type TreatmentResult,
  type VariantSummary,
  type Verdict,
} from './analyze-experiment.ts';
export {
  type Assignment,
  type AssignmentSettings,
  assignExperiment,
  assignUser,
  hashFraction,
  isHeldOut,
  layerBucket,
} from './assignment.ts';
export { collectExperimentData } from './collect-experiment-data.ts';
export {
  bucketCount,
  type Experiment,
  type ExperimentInput,
  type ExperimentStatus,
  experimentInputSchema,
  type Guardrail,
  parseExperimentInput,
  type Variant,
} from './experiment.ts';
export {
  ExperimentAssigner,
  type ExperimentAssignerOptions,
  mergedVariantConfig,
  variantCacheKey,
} from './experiment-assigner.ts';
export { type ExperimentData, ExperimentDataBuilder } from './experiment-data.ts';
export { type ExperimentReportOptions, experimentReport } from './experiment-report.ts';
export { ExperimentRepository, experimentNamespace } from './experiment-repository.ts';
export { type ExposureContextOptions, experimentsContextKey, exposureContext, variantInContext } from './exposure.ts';
export { type GuardrailResult, judgeGuardrail } from './guardrails.ts';
export {
  type InterleavedList,
  type InterleavingResult,
  interleavingTest,
  interleavingWinner,
  type Team,
  teamDraftInterleave,
} from './interleaving.ts';
export { compareMetric, type MetricComparison } from './metric-comparison.ts';
export { type MetricName, metricInfo, metricNames, testedMetricNames } from './metric-names.ts';
export {
  estimatePolicyValue,
  type OffPolicyEstimate,
  type OffPolicyOptions,
  type ValueEstimate,
} from './off-policy/estimators.ts';
export { type LoggedSlate, readLoggedSlates } from './off-policy/logged-slates.ts';
export { fitPositionBasedModel, type PositionBasedModel, type RewardModel } from './off-policy/reward-model.ts';
export {
  type PositionDistribution,
  type RequestContext,
  rankingDistribution,
  rankingPolicy,
  type TargetPolicy,
} from './off-policy/target-policy.ts';
export { formatExperimentReport } from './report-text.ts';
export { demoTargetPolicies, loggedSlatesFromRun, trueClicksPerSlate } from './simulation/demo-off-policy.ts';
export { pilotDesign, type RepeatedRunsResult, repeatExperiment } from './simulation/repeated-runs.ts';
export { simulateExperimentInStore } from './simulation/simulate-in-store.ts';
export { simulateInterleaving } from './simulation/simulate-interleaving.ts';
export { simulateExperimentData, simulateTraffic } from './simulation/simulate-traffic.ts';
export {
  greedyPolicy,
  loggingPolicy,
  mixturePolicy,
  oraclePolicy,
  policyCtr,
  policyWithEffect,
  type SimulatedPolicy,
  scoredPolicy,
} from './simulation/simulated-policies.ts';
export { SessionWorkload } from './simulation/workload.ts';
export { type Comparison, summarize } from './statistics/comparison.ts';
export { cupedAdjust, cupedFit, cupedFitRatio } from './statistics/cuped.ts';
export {
  minimumDetectableEffect,
  powerForMeans,
  ratioUnitStandardDeviation,
  sampleSizeForMeans,
  sampleSizeForProportions,
} from './statistics/power.ts';
export { type SampleRatioCheck, sampleRatioCheck } from './statistics/sample-ratio.ts';
export { type SequentialResult, sequentialTest } from './statistics/sequential.ts';
export { ratioTest, summarizeRatio, twoProportionTest, welchTest } from './statistics/tests.ts';

// Offline LLM batch jobs: the job contract and its runner (progress, cache, dry run, budget, resume, fallback).

export { checkpointNamespace, loadCheckpoints, type UnitCheckpoint } from './checkpoints.ts';
export { describeEstimate, estimateJob } from './estimate-job.ts';
export type {
  ApplyContext,
  JobEstimate,
  JobLlm,
  JobPrompt,
  JobReport,
  LlmJob,
  RunJobOptions,
  UnitSource,
} from './llm-job.ts';
export { runLlmJob } from './run-llm-job.ts';

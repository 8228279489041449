// The command table: each command registers itself from its own file, loaded only when that command runs
// (or for help), so that `lmrec stats` does not pay for loading the LLM SDKs.

import type { Command } from 'commander';

type Registration = (program: Command) => void;

/** Top-level command name → loader of its registration function. */
export const commandTable: Record<string, () => Promise<Registration>> = {
  init: async () => (await import('./init.ts')).registerInit,
  stats: async () => (await import('./stats.ts')).registerStats,
  import: async () => (await import('./import.ts')).registerImport,
  datasets: async () => (await import('./datasets.ts')).registerDatasets,
  llm: async () => (await import('./llm.ts')).registerLlm,
  demo: async () => (await import('./demo.ts')).registerDemo,
  chat: async () => (await import('./chat.ts')).registerChat,
  eval: async () => (await import('./eval.ts')).registerEval,
  experiment: async () => (await import('./experiment.ts')).registerExperiment,
  monitor: async () => (await import('./monitor.ts')).registerMonitor,
  serve: async () => (await import('./serve.ts')).registerServe,
  start: async () => (await import('./serve.ts')).registerStart,
  keys: async () => (await import('./keys.ts')).registerKeys,
  enrich: async () => (await import('./enrich.ts')).registerEnrich,
  export: async () => (await import('./export.ts')).registerExport,
};

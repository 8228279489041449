// Per-unit completion of a batch job, in the store's key-value table (namespace `job:<name>`): written in the same
// transaction as the unit's result, so a killed job never records a unit it did not persist, nor the reverse.

import type { KeyValueRepository } from '../../store/store.ts';
import type { UnitSource } from './llm-job.ts';

export interface UnitCheckpoint {
  source: UnitSource;
  /** True when the LLM was asked (its answer used, or rejected and the fallback used instead). */
  llmTried: boolean;
  version: string;
  at: number;
}

export function checkpointNamespace(job: string): string {
  return `job:${job}`;
}

/** Every unit checkpoint of a job, by unit key. */
export async function loadCheckpoints(kv: KeyValueRepository, job: string): Promise<Map<string, UnitCheckpoint>> {
  const entries = await kv.entries<UnitCheckpoint>(checkpointNamespace(job));
  return new Map(entries.map((entry) => [entry.key, entry.value]));
}

/**
 * Whether a unit needs no work: done at this version, and by the LLM (or after asking it) when an LLM is
 * configured now; a unit done by the no-LLM fallback is redone once an LLM is configured.
 */
export function isDone(
  checkpoint: UnitCheckpoint | undefined,
  options: { version: string; withLlm: boolean },
): boolean {
  if (!checkpoint || checkpoint.version !== options.version) return false;
  return options.withLlm ? checkpoint.llmTried : true;
}

export async function saveCheckpoint(
  kv: KeyValueRepository,
  job: string,
  key: string,
  checkpoint: UnitCheckpoint,
): Promise<void> {
  await kv.set(checkpointNamespace(job), key, checkpoint);
}

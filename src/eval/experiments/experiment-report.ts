// The report of a stored experiment, from the store alone: what `lmrec experiment report` prints and what the
// server's `GET /api/experiments/:id/report` returns. A report scans the experiment's events, so the server may keep
// it for a while (`cacheTtlMs`) in the store's key-value space, shared by every API process.

import type { Store } from '../../store/store.ts';
import { analyzeExperiment, type ExperimentReport } from './analyze-experiment.ts';
import { type CollectOptions, collectExperimentData } from './collect-experiment-data.ts';
import { ExperimentRepository, experimentNamespace } from './experiment-repository.ts';

export interface ExperimentReportOptions extends CollectOptions {
  /** Apply CUPED when the experiment has a pre-period (default true). */
  cuped?: boolean;
  /**
   * Serve a report computed less than this many milliseconds ago (default 0: always compute). Cached reports went
   * through JSON: NaN and infinite values read back as null, as an HTTP client would see them anyway.
   */
  cacheTtlMs?: number;
}

/** Reads the experiment and its events from the store and analyses them. */
export async function experimentReport(
  store: Store,
  experimentId: string,
  options: ExperimentReportOptions = {},
): Promise<ExperimentReport> {
  const experiment = await new ExperimentRepository(store).get(experimentId);
  const cacheKey = `report:${experimentId}:${options.cuped === false ? 'plain' : 'cuped'}`;
  if (options.cacheTtlMs) {
    const cached = await store.kv.get<ExperimentReport>(experimentNamespace, cacheKey);
    // A start or stop since the report changes its window: recompute.
    if (cached && cached.experiment.status === experiment.status) return cached;
  }
  const now = options.now ?? Date.now();
  const data = await collectExperimentData(store, experiment, { ...options, now });
  const report = analyzeExperiment(experiment, data, { now, cuped: options.cuped });
  if (options.cacheTtlMs) await store.kv.set(experimentNamespace, cacheKey, report, { ttlMs: options.cacheTtlMs });
  return report;
}

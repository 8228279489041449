// The report of a stored experiment, from the store alone: what `lmrec experiment report` prints and what the
// server's `GET /api/experiments/:id/report` returns.

import type { Store } from '../../store/store.ts';
import { analyzeExperiment, type ExperimentReport } from './analyze-experiment.ts';
import { type CollectOptions, collectExperimentData } from './collect-experiment-data.ts';
import { ExperimentRepository } from './experiment-repository.ts';

export interface ExperimentReportOptions extends CollectOptions {
  /** Apply CUPED when the experiment has a pre-period (default true). */
  cuped?: boolean;
}

/** Reads the experiment and its events from the store and analyses them. */
export async function experimentReport(
  store: Store,
  experimentId: string,
  options: ExperimentReportOptions = {},
): Promise<ExperimentReport> {
  const experiment = await new ExperimentRepository(store).get(experimentId);
  const now = options.now ?? Date.now();
  const data = await collectExperimentData(store, experiment, { ...options, now });
  return analyzeExperiment(experiment, data, { now, cuped: options.cuped });
}

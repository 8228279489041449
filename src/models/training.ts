// The epoch loop shared by iterative models: progress with loss and validation metric per epoch, early stopping
// on the validation metric (the best epoch's state is restored), and cancellation through an AbortSignal.

import type { Dataset } from '../core/dataset.ts';
import { AbortedError } from '../core/errors.ts';
import { silentProgress } from '../core/progress.ts';
import { createRandom, shuffle } from '../core/random.ts';
import type { EpochReport, FitOptions, Model } from './recommender.ts';

export interface EpochLoopOptions {
  /** The model's name, for progress labels. */
  label: string;
  epochs: number;
  fit: FitOptions;
  /** Runs one epoch and returns its training loss, when there is one. */
  epoch: (epoch: number) => Promise<number | undefined> | number | undefined;
  /** The current state's validation metric (higher is better); needed for early stopping. */
  validate?: () => number;
  /** Saves the current state as the best so far. */
  keepBest?: () => void;
  /** Restores the state saved by `keepBest`. */
  restoreBest?: () => void;
}

export async function runEpochs(options: EpochLoopOptions): Promise<EpochReport[]> {
  const progress = options.fit.progress ?? silentProgress;
  const patience = options.fit.patience ?? 3;
  const validate = options.fit.validation ? options.validate : undefined;
  const reports: EpochReport[] = [];
  let best = Number.NEGATIVE_INFINITY;
  let sinceBest = 0;
  progress.start(`${options.label}: training`, options.epochs);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    if (options.fit.signal?.aborted) throw new AbortedError(`${options.label}: training aborted at epoch ${epoch}`);
    const started = performance.now();
    const loss = await options.epoch(epoch);
    const validation = validate?.();
    const report: EpochReport = { epoch, loss, validation, seconds: (performance.now() - started) / 1000 };
    reports.push(report);
    progress.tick();
    progress.note(formatReport(options.label, report));
    if (validation !== undefined) {
      if (validation > best) {
        best = validation;
        sinceBest = 0;
        options.keepBest?.();
      } else if (++sinceBest >= patience) {
        progress.note(`${options.label}: early stop after epoch ${epoch} (best ndcg@10 ${best.toFixed(4)})`);
        break;
      }
    }
  }
  if (validate && Number.isFinite(best)) options.restoreBest?.();
  progress.done(`${options.label}: ${reports.length} epochs`);
  return reports;
}

function formatReport(label: string, report: EpochReport): string {
  const parts = [`${label} epoch ${report.epoch}`];
  if (report.loss !== undefined) parts.push(`loss ${report.loss.toPrecision(5)}`);
  if (report.validation !== undefined) parts.push(`validation ndcg@10 ${report.validation.toFixed(4)}`);
  parts.push(`${report.seconds.toFixed(2)}s`);
  return parts.join('  ');
}

/**
 * NDCG@k (binary gain, discount log2(rank + 1), ideal DCG over min(|T|, k)) of `model` on held-out
 * interactions, with the training items excluded, over a fixed sample of at most `maxUsers` users.
 */
export function validationNdcg(options: {
  model: Pick<Model, 'recommend'>;
  train: Dataset;
  validation: Dataset;
  k?: number;
  maxUsers?: number;
}): number {
  const k = options.k ?? 10;
  const { train, validation } = options;
  const users: number[] = [];
  for (let user = 0; user < validation.userCount; user++) if (validation.itemsOf(user).length > 0) users.push(user);
  if (users.length > (options.maxUsers ?? 2000)) {
    shuffle(users, createRandom(17));
    users.length = options.maxUsers ?? 2000;
  }
  let total = 0;
  for (const user of users) {
    const relevant = new Set(validation.itemsOf(user));
    const exclude = user < train.userCount ? train.itemsOf(user) : undefined;
    const { items } = options.model.recommend(user, k, { exclude });
    let dcg = 0;
    for (let rank = 0; rank < items.length; rank++) if (relevant.has(items[rank])) dcg += 1 / Math.log2(rank + 2);
    let ideal = 0;
    for (let rank = 0; rank < Math.min(relevant.size, k); rank++) ideal += 1 / Math.log2(rank + 2);
    total += dcg / ideal;
  }
  return users.length ? total / users.length : 0;
}

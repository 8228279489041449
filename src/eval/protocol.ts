// Evaluation protocols: which splits a run makes from a dataset, for each seed. Every model of a run sees the same
// splits, so per-user results pair up across models for significance tests.

import type { Dataset } from '../core/dataset.ts';
import { InvalidInputError } from '../core/errors.ts';
import { coldItemsSplit } from '../data/splits/cold-items-split.ts';
import { kFoldSplits } from '../data/splits/k-fold-split.ts';
import { leaveLastOutSplit } from '../data/splits/leave-last-out-split.ts';
import type { Split } from '../data/splits/split.ts';
import { stratifiedSplit } from '../data/splits/stratified-split.ts';
import { temporalSplit } from '../data/splits/temporal-split.ts';

export const protocolNames = ['stratified', 'kfold', 'leave-last-out', 'temporal', 'cold-items'] as const;
export type ProtocolName = (typeof protocolNames)[number];

export interface Protocol {
  name: ProtocolName;
  /** stratified, temporal: share held out for test; cold-items: share of items held out (and of warm interactions). */
  testRatio: number;
  /** kfold: number of folds. */
  folds: number;
  /** stratified: per user (default) or per item. */
  stratifyBy: 'user' | 'item';
  /** One run per seed (splits and model training both use it); results are averaged over runs. */
  seeds: number[];
  /** Also carve a validation part out of training data (for tuning and early stopping). */
  validation: boolean;
}

export function parseProtocolName(text: string): ProtocolName {
  const name = text.trim().toLowerCase();
  if (!(protocolNames as readonly string[]).includes(name)) {
    throw new InvalidInputError(`unknown protocol "${text}"; known: ${protocolNames.join(', ')}`, {
      context: { field: 'protocol' },
    });
  }
  return name as ProtocolName;
}

/** The splits of one seed: one for holdout protocols, `folds` for k-fold. */
export function* protocolSplits(dataset: Dataset, protocol: Protocol, seed: number): Generator<Split> {
  const validationRatio = protocol.validation ? 0.1 : 0;
  switch (protocol.name) {
    case 'stratified':
      yield stratifiedSplit(dataset, { testRatio: protocol.testRatio, validationRatio, seed, by: protocol.stratifyBy });
      return;
    case 'kfold':
      for (const split of kFoldSplits(dataset, { folds: protocol.folds, seed })) {
        // The validation part of a fold comes out of its training part, per user, so the test fold stays whole.
        yield protocol.validation ? withValidation(split, seed) : split;
      }
      return;
    case 'leave-last-out':
      yield leaveLastOutSplit(dataset, { validation: protocol.validation });
      return;
    case 'temporal':
      yield temporalSplit(dataset, { testRatio: protocol.testRatio, validationRatio });
      return;
    case 'cold-items':
      yield coldItemsSplit(dataset, { coldItemRatio: protocol.testRatio, validationRatio, seed });
      return;
  }
}

/** Splits a fold's training part once more into train and validation (10% per user). */
function withValidation(split: Split, seed: number): Split {
  const inner = stratifiedSplit(split.train, { testRatio: 0.1, seed });
  return { ...split, train: inner.train, validation: inner.test };
}

/** A JSON description for outputs. */
export function describeProtocol(protocol: Protocol): Record<string, unknown> {
  const out: Record<string, unknown> = { name: protocol.name };
  if (protocol.name === 'stratified')
    Object.assign(out, { testRatio: protocol.testRatio, stratifyBy: protocol.stratifyBy });
  if (protocol.name === 'temporal') out.testRatio = protocol.testRatio;
  if (protocol.name === 'cold-items') out.coldItemRatio = out.warmTestRatio = protocol.testRatio;
  if (protocol.name === 'kfold') out.folds = protocol.folds;
  // Leave-last-out and temporal splits do not depend on the seed; models' training still does.
  out.seeds = protocol.seeds;
  return out;
}

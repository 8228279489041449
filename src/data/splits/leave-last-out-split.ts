// Leave-last-out by time: each user's latest interaction is the test item and, when asked, the one before it the
// validation item (the usual next-item protocol, e.g. SASRec, Kang & McAuley 2018). Rows of a Dataset are in
// time order with ties broken by item index, so "latest" is deterministic. Needs no seed.

import type { Dataset } from '../../core/dataset.ts';
import { Part, partition, type Split } from './split.ts';

export interface LeaveLastOutOptions {
  /** Also hold out each user's second-latest interaction as validation (default false). */
  validation?: boolean;
  /**
   * Users with fewer interactions than this keep all of them in train (default 2 without validation, 3 with it),
   * so every tested user has at least one training interaction.
   */
  minInteractions?: number;
}

export function leaveLastOutSplit(dataset: Dataset, options: LeaveLastOutOptions = {}): Split {
  const withValidation = options.validation ?? false;
  const minimum = Math.max(options.minInteractions ?? (withValidation ? 3 : 2), withValidation ? 3 : 2);
  const parts = new Uint8Array(dataset.interactionCount);
  const { indptr } = dataset.byUser;
  for (let u = 0; u < dataset.userCount; u++) {
    const start = indptr[u];
    const end = indptr[u + 1];
    if (end - start < minimum) continue;
    parts[end - 1] = Part.test;
    if (withValidation) parts[end - 2] = Part.validation;
  }
  return partition(dataset, parts, {
    label: withValidation ? 'leave-last-out with validation' : 'leave-last-out',
    withValidation,
  });
}

// The CTR/CVR model kinds by name, created fresh or restored from their saved state.

import { InvalidInputError } from '../../core/errors.ts';
import type { ClickModel } from './click-model.ts';
import { DeepFm, type DeepFmOptions } from './deepfm.ts';
import { FactorizationMachine, type FactorizationMachineOptions } from './factorization-machine.ts';
import { FtrlModel, type FtrlOptions } from './ftrl.ts';

export const clickModelKinds = ['ftrl', 'fm', 'deepfm'] as const;
export type ClickModelKind = (typeof clickModelKinds)[number];

export interface ClickModelSettings {
  kind: ClickModelKind;
  buckets: number;
  fieldCount: number;
  factors: number;
  seed: number;
}

export function createClickModel(settings: ClickModelSettings): ClickModel {
  const { kind, buckets, fieldCount, factors, seed } = settings;
  if (kind === 'ftrl') return new FtrlModel({ buckets });
  if (kind === 'fm') return new FactorizationMachine({ buckets, factors, seed });
  if (kind === 'deepfm') return new DeepFm({ buckets, factors, seed, fieldCount });
  throw new InvalidInputError(`unknown click model "${kind}" (known: ${clickModelKinds.join(', ')})`, {
    context: { field: 'model' },
  });
}

/** Restores a model from the `state()` it saved. */
export function restoreClickModel(
  kind: string,
  saved: { meta: Record<string, unknown>; arrays: Record<string, unknown> },
): ClickModel {
  const options = saved.meta.options as Record<string, unknown>;
  const arrays = saved.arrays as Record<string, Float32Array>;
  if (kind === 'ftrl') return new FtrlModel(options as unknown as FtrlOptions, { z: arrays.z, n: arrays.n });
  const factorization = { linear: arrays.linear, factors: arrays.factors };
  if (kind === 'fm') return new FactorizationMachine(options as unknown as FactorizationMachineOptions, factorization);
  if (kind === 'deepfm') {
    const deep = { ...options, ...(saved.meta.deep as object) } as unknown as DeepFmOptions;
    return new DeepFm(deep, { ...factorization, tower: arrays.tower });
  }
  throw new InvalidInputError(`unknown click model "${kind}"`, { context: { field: 'model' } });
}

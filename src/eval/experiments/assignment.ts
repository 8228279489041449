// Deterministic assignment: a user's place in a layer and their variant are hashes of the user id with a salt, so
// every process, every request and every replay gives the same answer without storing anything per user. The layer
// hash decides whether the user is in the experiment (its bucket range) and the experiment's own salt picks the
// variant, so that the split inside an experiment is independent of which buckets the experiment holds.

import { hashString } from '../../core/random.ts';
import { bucketCount, type Experiment, variantShares } from './experiment.ts';

/** A user's variant in one experiment. */
export interface Assignment {
  experimentId: string;
  layer: string;
  variant: string;
  /** The variant's config for the serving layer. */
  config: unknown;
}

/** Settings shared by all experiments: a universal holdout that no experiment ever reaches. */
export interface AssignmentSettings {
  /** Share of all users held out of every experiment (0 … 0.5), for measuring the long-run effect of all of them. */
  holdout: number;
  /** Salt of the holdout hash; change it to draw a new holdout group. */
  holdoutSalt: string;
}

export const defaultAssignmentSettings: AssignmentSettings = { holdout: 0, holdoutSalt: 'holdout' };

/** The finaliser of MurmurHash3: spreads FNV-1a's output over all 32 bits (FNV alone clusters on close ids). */
function mix(hash: number): number {
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** A uniform number in [0, 1) from a salt and a user id. */
export function hashFraction(salt: string, userId: string): number {
  return mix(hashString(`${salt}\u0000${userId}`)) / 4294967296;
}

/** The user's bucket (0 … 9,999) in a layer. */
export function layerBucket(layer: string, userId: string): number {
  return Math.floor(hashFraction(`layer:${layer}`, userId) * bucketCount);
}

/** Whether the universal holdout keeps this user out of every experiment. */
export function isHeldOut(userId: string, settings: AssignmentSettings = defaultAssignmentSettings): boolean {
  return settings.holdout > 0 && hashFraction(`holdout:${settings.holdoutSalt}`, userId) < settings.holdout;
}

/** The variant (index) of a user who is in the experiment. */
export function variantIndex(experiment: Pick<Experiment, 'salt' | 'variants'>, userId: string): number {
  const shares = variantShares(experiment);
  let point = hashFraction(`variant:${experiment.salt}`, userId);
  for (let index = 0; index < shares.length - 1; index++) {
    point -= shares[index];
    if (point < 0) return index;
  }
  return shares.length - 1;
}

/**
 * The user's assignment in one experiment, or null when the experiment is not running, the user is held out, or
 * the user's layer bucket is outside the experiment's range (the user sees the default).
 */
export function assignExperiment(
  experiment: Experiment,
  userId: string,
  settings: AssignmentSettings = defaultAssignmentSettings,
): Assignment | null {
  if (experiment.status !== 'running') return null;
  if (isHeldOut(userId, settings)) return null;
  const bucket = layerBucket(experiment.layer, userId);
  if (bucket < experiment.range[0] || bucket >= experiment.range[1]) return null;
  const variant = experiment.variants[variantIndex(experiment, userId)];
  return { experimentId: experiment.id, layer: experiment.layer, variant: variant.name, config: variant.config };
}

/** The user's assignments in every running experiment (at most one per layer, by construction of the ranges). */
export function assignUser(
  experiments: readonly Experiment[],
  userId: string,
  settings: AssignmentSettings = defaultAssignmentSettings,
): Assignment[] {
  if (isHeldOut(userId, settings)) return [];
  const assignments: Assignment[] = [];
  for (const experiment of experiments) {
    const assignment = assignExperiment(experiment, userId, settings);
    if (assignment) assignments.push(assignment);
  }
  return assignments;
}

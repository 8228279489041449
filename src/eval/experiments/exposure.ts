// Exposure logging: what a served list records in each impression's feedback context so that experiments, off-policy
// estimates and position-bias analysis can be computed from the store alone. Clicks and purchases on a shown item
// carry the same request id (and, ideally, the same experiments map).

import type { Assignment } from './assignment.ts';

/** The context key holding `{ experimentId: variant }` for every experiment the user was in. */
export const experimentsContextKey = 'experiments';

/** What one shown item logs. */
export interface ExposureContextOptions {
  /** The user's assignments when the list was served. */
  assignments: readonly Assignment[];
  /** 1-based slot. */
  position: number;
  /** The recall source (or `exploration`) that placed the item. */
  source: string;
  requestId: string;
  /** Probability that the serving policy shows this item at this position (1 when deterministic). */
  propensity: number;
  /** Time the request took to serve, in milliseconds. */
  latencyMs?: number;
}

/** The feedback context of one exposure: `{ source, requestId, position, propensity, experiments, latencyMs }`. */
export function exposureContext(options: ExposureContextOptions): Record<string, unknown> {
  const context: Record<string, unknown> = {
    source: options.source,
    requestId: options.requestId,
    position: options.position,
    propensity: options.propensity,
  };
  if (options.assignments.length) context[experimentsContextKey] = experimentsMap(options.assignments);
  if (options.latencyMs !== undefined) context.latencyMs = options.latencyMs;
  return context;
}

/** `{ experimentId: variant }` for a list of assignments. */
export function experimentsMap(assignments: readonly Assignment[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const assignment of assignments) map[assignment.experimentId] = assignment.variant;
  return map;
}

/** The variant an event's context names for an experiment, or null (also reads a flat `experiment` + `variant`). */
export function variantInContext(context: Record<string, unknown> | undefined, experimentId: string): string | null {
  if (!context) return null;
  const map = context[experimentsContextKey];
  if (map && typeof map === 'object' && !Array.isArray(map)) {
    const variant = (map as Record<string, unknown>)[experimentId];
    if (typeof variant === 'string') return variant;
  }
  if (context.experiment === experimentId && typeof context.variant === 'string') return context.variant;
  return null;
}

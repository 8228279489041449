// What the serving path calls per request: the user's assignments in the running experiments (kept in memory and
// re-read from the store every few seconds, so a start or stop reaches every API process), the variant configs to
// apply, and the exposure context to log with each shown item. Assignment itself is a pure hash: no I/O per request.

import type { Store } from '../../store/store.ts';
import { type Assignment, type AssignmentSettings, assignUser, defaultAssignmentSettings } from './assignment.ts';
import type { Experiment } from './experiment.ts';
import { ExperimentRepository } from './experiment-repository.ts';
import { experimentsMap } from './exposure.ts';

export interface ExperimentAssignerOptions {
  store: Store;
  /** How long the running experiments are trusted before they are read again (default 10 s). */
  refreshMs?: number;
  now?: () => number;
}

export class ExperimentAssigner {
  readonly #repository: ExperimentRepository;
  readonly #refreshMs: number;
  readonly #now: () => number;
  #running: Experiment[] = [];
  #settings: AssignmentSettings = defaultAssignmentSettings;
  #loadedAt = Number.NEGATIVE_INFINITY;
  #loading: Promise<void> | null = null;

  constructor(options: ExperimentAssignerOptions) {
    this.#repository = new ExperimentRepository(options.store);
    this.#refreshMs = options.refreshMs ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** Reads the running experiments and the holdout settings now. */
  refresh(): Promise<void> {
    this.#loading ??= (async () => {
      try {
        const experiments = await this.#repository.list();
        this.#running = experiments.filter((experiment) => experiment.status === 'running');
        this.#settings = await this.#repository.settings();
        this.#loadedAt = this.#now();
      } finally {
        this.#loading = null;
      }
    })();
    return this.#loading;
  }

  /** The user's assignments, reading the store first when the cached experiments are stale. */
  async assign(userId: string): Promise<Assignment[]> {
    if (this.#now() - this.#loadedAt > this.#refreshMs) await this.refresh();
    return assignUser(this.#running, userId, this.#settings);
  }

  /**
   * The same without waiting: the last experiments read (none before the first refresh); a stale cache starts a
   * refresh in the background. For the hot path of cached recommendations.
   */
  assignNow(userId: string): Assignment[] {
    if (this.#now() - this.#loadedAt > this.#refreshMs && !this.#loading) void this.refresh().catch(() => {});
    return assignUser(this.#running, userId, this.#settings);
  }

  /** The running experiments last read. */
  get running(): readonly Experiment[] {
    return this.#running;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    if (isRecord(value) && isRecord(current)) {
      const copy = { ...current };
      mergeInto(copy, value);
      target[key] = copy;
    } else target[key] = isRecord(value) ? structuredClone(value) : value;
  }
}

/**
 * The variant configs of a user's assignments merged into one object, in the order given, for the serving layer to
 * apply on top of its pipeline config. Nested objects merge key by key (experiments in two layers may change
 * different rerank settings); on a conflict a later experiment's value wins.
 */
export function mergedVariantConfig(assignments: readonly Assignment[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const assignment of assignments) if (isRecord(assignment.config)) mergeInto(merged, assignment.config);
  return merged;
}

/** A short, stable key of a user's variants, for response caches that must not mix variants. */
export function variantCacheKey(assignments: readonly Assignment[]): string {
  const map = experimentsMap(assignments);
  return Object.keys(map)
    .sort()
    .map((id) => `${id}=${map[id]}`)
    .join('&');
}

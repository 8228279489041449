// Experiments persisted in the Store's key-value space (namespace `experiments`), so every API process assigns
// users the same way. Creating an experiment reserves buckets of its layer in one transaction, so two experiments
// of a layer never overlap.

import { InvalidInputError, NotFoundError } from '../../core/errors.ts';
import type { KeyValueRepository, Store } from '../../store/store.ts';
import { type AssignmentSettings, defaultAssignmentSettings } from './assignment.ts';
import {
  bucketCount,
  bucketsFor,
  buildExperiment,
  type Experiment,
  type ExperimentInput,
  parseExperimentInput,
} from './experiment.ts';

export const experimentNamespace = 'experiments';
const keyPrefix = 'experiment:';
const settingsKey = 'settings';

/** Free bucket ranges of a layer given the ranges held, as [start, end) pairs. */
function freeRanges(held: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...held].sort((a, b) => a[0] - b[0]);
  const free: Array<[number, number]> = [];
  let cursor = 0;
  for (const [start, end] of sorted) {
    if (start > cursor) free.push([cursor, start]);
    cursor = Math.max(cursor, end);
  }
  if (cursor < bucketCount) free.push([cursor, bucketCount]);
  return free;
}

function slug(name: string): string {
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return base || 'experiment';
}

export class ExperimentRepository {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  async list(): Promise<Experiment[]> {
    return listExperiments(this.#store.kv);
  }

  async get(id: string): Promise<Experiment> {
    const experiment = await this.#store.kv.get<Experiment>(experimentNamespace, keyPrefix + id);
    if (!experiment) {
      throw new NotFoundError(`experiment "${id}" does not exist (lmrec experiment list shows them)`, {
        context: { field: 'id' },
      });
    }
    return experiment;
  }

  /** Validates and stores a new experiment (status draft), reserving its share of the layer. */
  async create(input: ExperimentInput, options: { now?: number } = {}): Promise<Experiment> {
    const parsed = parseExperimentInput(input);
    return this.#store.transaction(async (tx) => {
      const existing = await listExperiments(tx.kv);
      let id = parsed.id ?? slug(parsed.name);
      if (parsed.id !== undefined && existing.some((experiment) => experiment.id === id)) {
        throw new InvalidInputError(`experiment "${id}" already exists`, { context: { field: 'id' } });
      }
      if (parsed.id === undefined) {
        const taken = new Set(existing.map((experiment) => experiment.id));
        for (let n = 2; taken.has(id); n++) id = `${slug(parsed.name)}-${n}`;
      }
      const layer = parsed.layer ?? id;
      const size = bucketsFor(parsed.traffic);
      const held = existing
        .filter((experiment) => experiment.layer === layer && experiment.status !== 'stopped')
        .map((experiment) => experiment.range);
      const slot = freeRanges(held).find(([start, end]) => end - start >= size);
      if (!slot) {
        const free = freeRanges(held).reduce((max, [start, end]) => Math.max(max, end - start), 0);
        throw new InvalidInputError(
          `layer "${layer}" has room for traffic ${free / bucketCount} at most (asked ${parsed.traffic}); stop an experiment of the layer or lower the traffic`,
          { context: { field: 'traffic' } },
        );
      }
      const experiment = buildExperiment(parsed, {
        id,
        range: [slot[0], slot[0] + size],
        now: options.now ?? Date.now(),
      });
      await tx.kv.set(experimentNamespace, keyPrefix + id, experiment);
      return experiment;
    });
  }

  /** Starts assigning users (draft → running). `at` back-dates or schedules the start (simulations). */
  async start(id: string, options: { at?: number } = {}): Promise<Experiment> {
    return this.#transition(id, 'draft', (experiment) => ({
      ...experiment,
      status: 'running',
      startedAt: options.at ?? Date.now(),
    }));
  }

  /** Stops assigning users (running → stopped); the report keeps the data up to this time. */
  async stop(id: string, options: { at?: number } = {}): Promise<Experiment> {
    return this.#transition(id, 'running', (experiment) => ({
      ...experiment,
      status: 'stopped',
      stoppedAt: options.at ?? Date.now(),
    }));
  }

  /** Deletes a draft or stopped experiment (its logged events stay in the store). */
  async remove(id: string): Promise<void> {
    const experiment = await this.get(id);
    if (experiment.status === 'running') {
      throw new InvalidInputError(`experiment "${id}" is running; stop it first`, { context: { field: 'id' } });
    }
    await this.#store.kv.delete(experimentNamespace, keyPrefix + id);
  }

  async settings(): Promise<AssignmentSettings> {
    const stored = await this.#store.kv.get<AssignmentSettings>(experimentNamespace, settingsKey);
    return { ...defaultAssignmentSettings, ...stored };
  }

  async setSettings(settings: Partial<AssignmentSettings>): Promise<AssignmentSettings> {
    const next = { ...(await this.settings()), ...settings };
    if (!(next.holdout >= 0 && next.holdout <= 0.5)) {
      throw new InvalidInputError(`holdout must be between 0 and 0.5 (got ${next.holdout})`, {
        context: { field: 'holdout' },
      });
    }
    await this.#store.kv.set(experimentNamespace, settingsKey, next);
    return next;
  }

  async #transition(
    id: string,
    from: Experiment['status'],
    change: (experiment: Experiment) => Experiment,
  ): Promise<Experiment> {
    return this.#store.transaction(async (tx) => {
      const experiment = await tx.kv.get<Experiment>(experimentNamespace, keyPrefix + id);
      if (!experiment) throw new NotFoundError(`experiment "${id}" does not exist`, { context: { field: 'id' } });
      if (experiment.status !== from) {
        throw new InvalidInputError(`experiment "${id}" is ${experiment.status}, not ${from}`, {
          context: { field: 'status' },
        });
      }
      const next = change(experiment);
      await tx.kv.set(experimentNamespace, keyPrefix + id, next);
      return next;
    });
  }
}

async function listExperiments(kv: KeyValueRepository): Promise<Experiment[]> {
  const entries = await kv.entries<Experiment>(experimentNamespace, keyPrefix);
  return entries.map((entry) => entry.value).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

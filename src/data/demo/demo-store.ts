// Writes the demo shop into a Store (one transaction, through the Store port only) and rebuilds its simulator
// from a store: the seed, scale, window and parameters live in kv namespace `demo`, with the day-level history.

import { FormatError, InvalidInputError, NotFoundError } from '../../core/errors.ts';
import type { Progress } from '../../core/progress.ts';
import { defaultFeedbackTypes } from '../../core/types.ts';
import type { FeedbackInput, Store } from '../../store/store.ts';
import { demoBrands } from './brands.ts';
import { shopTimeZone } from './calendar.ts';
import { demoCategories } from './categories.ts';
import { demoComplements } from './complements.ts';
import { type EventLog, type EventType, eventSources, eventTypes } from './event-log.ts';
import { DemoHistory, type SerializedHistory } from './history.ts';
import { demoIntents } from './intents.ts';
import type { DemoParameters } from './parameters.ts';
import { type DemoOptions, runDemoSimulation } from './run-simulation.ts';
import { searchSorts } from './shop-search.ts';
import { DemoSimulator } from './simulator.ts';
import { DemoWorld } from './world.ts';

/** The kv namespace of everything the demo stores besides items, users, events and follows. */
export const demoNamespace = 'demo';
/** Bumped whenever the generator or the simulation changes what a seed produces. */
export const demoGeneratorVersion = 1;

/** What `demo` / `manifest` holds. */
export interface DemoManifest {
  generator: 'lmrec-demo';
  version: number;
  seed: number;
  scale: number;
  endDate: string;
  startTime: number;
  endTime: number;
  days: number;
  timeZone: string;
  currency: 'CNY';
  fingerprint: string;
  parameters: DemoParameters;
  counts: { items: number; users: number; socialEdges: number; events: Record<EventType, number> };
}

export interface BuildDemoStoreOptions extends DemoOptions {
  /** Replace the data of a non-empty store (default false: refuse). */
  force?: boolean;
  progress?: Progress;
}

export interface DemoStoreSummary {
  manifest: DemoManifest;
  /** Wall-clock seconds for the whole build. */
  seconds: number;
}

const writeBatch = 10_000;

/** Fills a store with the demo shop. Refuses a store that has data unless `force`. */
export async function buildDemoStore(store: Store, options: BuildDemoStoreOptions = {}): Promise<DemoStoreSummary> {
  const started = performance.now();
  const counts = await store.counts();
  const existing = counts.items + counts.users + counts.interactions;
  if (existing > 0 && !options.force) {
    throw new InvalidInputError(
      `${store.location} is not empty (${counts.items} items, ${counts.users} users, ${counts.interactions} events); pass --force to replace its data with the demo shop`,
      { context: { file: store.location } },
    );
  }
  const run = runDemoSimulation(options, options.progress);
  const { world, log } = run;
  const manifest: DemoManifest = {
    generator: 'lmrec-demo',
    version: demoGeneratorVersion,
    seed: run.options.seed,
    scale: run.options.scale,
    endDate: run.options.endDate,
    startTime: world.startTime,
    endTime: world.endTime,
    days: world.days,
    timeZone: shopTimeZone,
    currency: 'CNY',
    fingerprint: world.fingerprint(),
    parameters: run.options.parameters,
    counts: {
      items: world.items.length,
      users: world.users.length,
      socialEdges: world.edges.length,
      events: log.countByType(),
    },
  };
  const progress = options.progress;
  await store.transaction(async (tx) => {
    if (existing > 0) await clearStore(tx, progress);
    const known = new Set((await tx.feedback.types()).map((type) => type.name));
    const missing = defaultFeedbackTypes.filter(
      (type) => eventTypes.includes(type.name as EventType) && !known.has(type.name),
    );
    if (missing.length) await tx.defineFeedbackTypes(missing);
    progress?.start('writing catalog, users and follows', world.items.length + world.users.length + world.edges.length);
    // (Written out: `progress?.tick(await …)` would skip the write when there is no progress.)
    for (const rows of chunks(world.items, writeBatch)) {
      await tx.items.upsert(rows);
      progress?.tick(rows.length);
    }
    for (const rows of chunks(world.users, writeBatch)) {
      await tx.users.upsert(rows);
      progress?.tick(rows.length);
    }
    for (const rows of chunks(world.edges, writeBatch)) {
      await tx.social.add(rows);
      progress?.tick(rows.length);
    }
    progress?.done();
    progress?.start('writing events', log.length);
    const order = log.order();
    for (let start = 0; start < order.length; start += writeBatch) {
      const batch = feedbackBatch(world, log, order.subarray(start, start + writeBatch));
      const result = await tx.feedback.add(batch, { createMissing: false });
      if (result.duplicates)
        throw new FormatError(`demo events collided: ${result.duplicates} duplicates in one batch`);
      progress?.tick(batch.length);
    }
    progress?.done();
    await tx.kv.set(demoNamespace, 'categories', demoCategories);
    await tx.kv.set(demoNamespace, 'complements', demoComplements);
    await tx.kv.set(demoNamespace, 'intents', demoIntents);
    await tx.kv.set(demoNamespace, 'brands', demoBrands);
    await tx.kv.set(demoNamespace, 'history', run.history.serialize());
    await tx.kv.set(demoNamespace, 'manifest', manifest);
  });
  return { manifest, seconds: (performance.now() - started) / 1000 };
}

/** Feedback rows for a slice of the log, in the given order. Context carries what IPS and rankers need. */
function feedbackBatch(world: DemoWorld, log: EventLog, indexes: Int32Array): FeedbackInput[] {
  const rows: FeedbackInput[] = new Array(indexes.length);
  for (let k = 0; k < indexes.length; k++) {
    const e = indexes[k];
    const user = world.users[log.user[e]];
    const item = world.items[log.item[e]];
    const type = eventTypes[log.type[e]];
    const context: Record<string, unknown> = {
      source: eventSources[log.source[e]],
      requestId: `req-${log.request[e]}`,
      position: log.position[e],
      propensity: log.propensity[e],
      device: log.device[e] === 0 ? 'mobile' : 'desktop',
    };
    if (log.source[e] === 0) context.explore = log.explore[e] === 1;
    else {
      const category = demoCategories[log.query[e]];
      context.query = user.attributes.language === 'zh' ? category.name.zh : category.name.en;
      context.queryCategory = category.id;
      context.sort = searchSorts[log.sort[e]];
    }
    if (type === 'purchase') context.price = item.price;
    rows[k] = { userId: user.id, itemId: item.id, type, value: 1, timestamp: Math.round(log.time[e]), context };
  }
  return rows;
}

function* chunks<T>(rows: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}

/** Removes every user and item (with their events and follows) and the demo kv entries. */
async function clearStore(store: Store, progress?: Progress): Promise<void> {
  progress?.start('clearing the store');
  for (const repository of [store.users, store.items] as const) {
    for (;;) {
      const page = await repository.list({ limit: writeBatch });
      if (page.rows.length === 0) break;
      await repository.remove(page.rows.map((row) => row.id));
    }
  }
  for (const entry of await store.kv.entries(demoNamespace)) await store.kv.delete(demoNamespace, entry.key);
  progress?.done();
}

/** The demo manifest of a store, or null when the store holds no demo. */
export async function readDemoManifest(store: Store): Promise<DemoManifest | null> {
  return store.kv.get<DemoManifest>(demoNamespace, 'manifest');
}

/**
 * Rebuilds the simulator of a demo store: the world from its seed, scale and window, checked against the stored
 * fingerprint, and the day-level history from kv.
 */
export async function loadDemoSimulator(store: Store): Promise<DemoSimulator> {
  const manifest = await readDemoManifest(store);
  if (!manifest) {
    throw new NotFoundError(`${store.location} holds no demo shop; create one with \`lmrec demo init\``, {
      context: { file: store.location },
    });
  }
  if (manifest.generator !== 'lmrec-demo' || manifest.version !== demoGeneratorVersion) {
    throw new FormatError(
      `${store.location} was built by demo generator version ${manifest.version}; this lmrec has version ${demoGeneratorVersion}. Rebuild it with \`lmrec demo init --force\``,
      { context: { file: store.location } },
    );
  }
  const world = new DemoWorld({
    seed: manifest.seed,
    scale: manifest.scale,
    endTime: manifest.endTime,
    parameters: manifest.parameters,
  });
  if (world.fingerprint() !== manifest.fingerprint) {
    throw new FormatError(
      `${store.location}: the demo world generated from seed ${manifest.seed} does not match the stored one (fingerprint ${manifest.fingerprint}); rebuild it with \`lmrec demo init --force\``,
      { context: { file: store.location } },
    );
  }
  const serialized = await store.kv.get<SerializedHistory>(demoNamespace, 'history');
  if (!serialized)
    throw new FormatError(`${store.location}: demo history is missing from kv namespace ${demoNamespace}`, {
      context: { file: store.location },
    });
  return new DemoSimulator(world, DemoHistory.restore(world, serialized));
}

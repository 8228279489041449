// An experiment against the demo store's simulator, end to end: the experiment is created and started in the store,
// every served slate is written as exposures (with variant, position, source, request id and propensity in the
// context) and every click and purchase as feedback, the experiment is stopped, and the report is computed from the
// store like any other. The simulator knows each variant's true CTR, which the report can be checked against.

import type { Progress } from '../../../core/progress.ts';
import type { FeedbackInput, Store } from '../../../store/store.ts';
import type { ExperimentReport } from '../analyze-experiment.ts';
import type { Experiment, ExperimentInput } from '../experiment.ts';
import { experimentReport } from '../experiment-report.ts';
import { ExperimentRepository } from '../experiment-repository.ts';
import { exposureContext } from '../exposure.ts';
import { type SimulatedSlate, simulateTraffic } from './simulate-traffic.ts';
import { policyCtr, type SimulatedPolicy } from './simulated-policies.ts';
import type { SessionWorkload } from './workload.ts';

export interface StoreSimulationOptions {
  store: Store;
  workload: SessionWorkload;
  /** The experiment to create; its variants' names must be keys of `policies`. */
  input: ExperimentInput;
  policies: Record<string, SimulatedPolicy>;
  seed: number;
  progress?: Progress;
}

export interface StoreSimulationResult {
  experiment: Experiment;
  report: ExperimentReport;
  /** Exact CTR per variant over the sessions of its users, and over all sessions of the workload. */
  truth: Record<string, { ctrOfItsUsers: number; ctrOfEveryone: number }>;
  events: number;
}

const writeBatch = 5000;

export async function simulateExperimentInStore(options: StoreSimulationOptions): Promise<StoreSimulationResult> {
  const { store, workload, policies, progress } = options;
  const repository = new ExperimentRepository(store);
  const created = await repository.create(options.input, { now: workload.start });
  const experiment = await repository.start(created.id, { at: workload.start });
  const sessionsOf = new Map<string, number[]>();
  let pending: FeedbackInput[] = [];
  let events = 0;
  const flush = async () => {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    await store.transaction((tx) => tx.feedback.add(batch, { createMissing: false }));
    events += batch.length;
    progress?.tick(batch.length);
  };
  const slates: SimulatedSlate[] = [];
  simulateTraffic({ workload, experiment, policies, seed: options.seed }, (slate) => slates.push(slate));
  progress?.start(`writing the experiment's events (${slates.length.toLocaleString('en-US')} lists)`);
  for (const slate of slates) {
    let list = sessionsOf.get(slate.variant);
    if (!list) sessionsOf.set(slate.variant, (list = []));
    list.push(slate.session);
    const assignments = [
      { experimentId: experiment.id, layer: experiment.layer, variant: slate.variant, config: null },
    ];
    const base = (position: number) => ({
      ...exposureContext({
        assignments,
        position,
        source: 'home',
        requestId: slate.requestId,
        propensity: slate.propensities[position - 1],
        latencyMs: slate.latencyMs,
      }),
      device: slate.device,
      simulated: true,
    });
    slate.itemIds.forEach((itemId, index) => {
      pending.push({
        userId: slate.userId,
        itemId,
        type: experiment.exposureType,
        timestamp: Math.round(slate.time),
        context: base(index + 1),
      });
    });
    for (const position of slate.clicks) {
      pending.push({
        userId: slate.userId,
        itemId: slate.itemIds[position - 1],
        type: 'click',
        timestamp: Math.round(slate.time + 2000 + 1500 * position),
        context: base(position),
      });
    }
    for (const purchase of slate.purchases) {
      pending.push({
        userId: slate.userId,
        itemId: slate.itemIds[purchase.position - 1],
        type: 'purchase',
        timestamp: Math.round(slate.time + 180_000 + 1500 * purchase.position),
        context: { ...base(purchase.position), price: purchase.price },
      });
    }
    if (pending.length >= writeBatch) await flush();
  }
  await flush();
  progress?.done(`${events.toLocaleString('en-US')} events`);
  const stopped = await repository.stop(experiment.id, { at: workload.end });
  progress?.start('computing the report from the store');
  const report = await experimentReport(store, experiment.id, { now: workload.end });
  progress?.done();
  const truth: StoreSimulationResult['truth'] = {};
  for (const variant of experiment.variants) {
    const policy = policies[variant.name];
    truth[variant.name] = {
      ctrOfItsUsers: policyCtr(workload, policy, sessionsOf.get(variant.name) ?? []),
      ctrOfEveryone: policyCtr(workload, policy),
    };
  }
  return { experiment: stopped, report, truth, events };
}

// End to end through the Store port: a simulated experiment writes its exposures, clicks and purchases to a demo
// store, and the report read back from the store equals the in-memory analysis of the same run.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Feedback } from '../../../src/core/types.ts';
import { buildDemoStore, loadDemoSimulator } from '../../../src/data/demo/demo-store.ts';
import type { DemoSimulator } from '../../../src/data/demo/simulator.ts';
import { experimentReport } from '../../../src/eval/experiments/experiment-report.ts';
import { ExperimentRepository } from '../../../src/eval/experiments/experiment-repository.ts';
import { readLoggedSlates } from '../../../src/eval/experiments/off-policy/logged-slates.ts';
import { formatExperimentReport } from '../../../src/eval/experiments/report-text.ts';
import { simulateExperimentInStore } from '../../../src/eval/experiments/simulation/simulate-in-store.ts';
import { simulateExperimentData } from '../../../src/eval/experiments/simulation/simulate-traffic.ts';
import {
  loggingPolicy,
  oraclePolicy,
  policyWithEffect,
} from '../../../src/eval/experiments/simulation/simulated-policies.ts';
import { SessionWorkload } from '../../../src/eval/experiments/simulation/workload.ts';
import { SqliteStore } from '../../../src/store/sqlite/store.ts';

let store: SqliteStore;
let simulator: DemoSimulator;

before(async () => {
  store = SqliteStore.open(':memory:');
  await buildDemoStore(store, { scale: 0.1, seed: 9 });
  simulator = await loadDemoSimulator(store);
});

after(() => store.close());

describe('an experiment through the store', () => {
  it('logs exposures with their context and reports from the store what the simulation did', async () => {
    const workload = new SessionWorkload({ simulator, days: 14, seed: 2 });
    const control = loggingPolicy(workload);
    const treatment = policyWithEffect({ workload, base: control, better: oraclePolicy(workload), effect: 0.3 }).policy;
    const policies = { control, treatment };
    const result = await simulateExperimentInStore({
      store,
      workload,
      policies,
      seed: 4,
      input: { id: 'e2e', name: 'end to end', primaryMetric: 'ctr', minimumDetectableEffect: 0.3 },
    });
    const { report, experiment } = result;
    assert.equal(experiment.status, 'stopped');
    // The same run in memory (same experiment, same seed) gives exactly the same counts.
    const memory = simulateExperimentData({
      workload,
      experiment: { ...experiment, status: 'running' },
      policies,
      seed: 4,
    });
    for (const variant of report.variants) {
      const units = memory.variants.get(variant.name)!;
      const sum = (values: Float64Array) => values.reduce((total, value) => total + value, 0);
      assert.equal(variant.users, units.users.length, `${variant.name} users`);
      assert.equal(variant.exposures, sum(units.impressions), `${variant.name} exposures`);
      assert.ok(Math.abs(variant.metrics.ctr - sum(units.clicks) / sum(units.impressions)) < 1e-12);
      assert.ok(Math.abs(variant.metrics.revenuePerUser - sum(units.revenue) / units.users.length) < 1e-6);
    }
    assert.equal(report.sampleRatio?.mismatch, false);
    const ctr = report.treatments[0].metrics.find((comparison) => comparison.metric === 'ctr')!;
    assert.ok(ctr.cuped !== null, 'the demo logs before the start give CUPED its covariate');
    assert.ok(report.treatments[0].sequential!.looks >= 13);
    // Truth is known: the exact CTR of the users each variant served.
    assert.ok(result.truth.treatment.ctrOfItsUsers > result.truth.control.ctrOfItsUsers);
    // Exposure logging: variant, position, source, request id and propensity in each impression's context.
    const someone = report.variants[1].users > 0 ? memory.variants.get('treatment')!.users[0] : '';
    const events = await store.feedback.forUser(someone, { types: ['impression'], since: workload.start });
    const context = events[0].context!;
    assert.deepEqual(context.experiments, { e2e: 'treatment' });
    assert.equal(context.source, 'home');
    assert.ok(typeof context.requestId === 'string' && Number(context.position) >= 1);
    assert.ok(Number(context.propensity) > 0 && Number(context.propensity) <= 1);
    // Off-policy evaluation reads the same lists back.
    const { slates } = await readLoggedSlates(store, { source: 'home', since: workload.start });
    assert.equal(
      slates.length,
      report.variants.reduce((total, variant) => total + variant.slates, 0),
    );
    assert.match(formatExperimentReport(report), /sample ratio: .* ok/);
  });

  it('attributes a click without the experiment tag through its request id', async () => {
    const before = await experimentReport(store, 'e2e', { cacheTtlMs: 60_000 });
    const impression = await firstExposure('control');
    const experiment = await new ExperimentRepository(store).get('e2e');
    await store.feedback.add([
      {
        userId: impression.userId,
        itemId: impression.itemId,
        type: 'click',
        timestamp: Math.min(impression.timestamp + 1000, experiment.stoppedAt! - 1),
        context: { requestId: impression.context!.requestId, position: impression.context!.position },
      },
    ]);
    const cached = await experimentReport(store, 'e2e', { cacheTtlMs: 60_000 });
    assert.equal(cached.generatedAt, before.generatedAt, 'served from the cache');
    const after = await experimentReport(store, 'e2e');
    const clicks = (report: typeof before) => report.variants[0].metrics.ctr * report.variants[0].exposures;
    assert.ok(Math.abs(clicks(after) - clicks(before) - 1) < 1e-9);
  });

  it('refuses a report of an experiment that never started', async () => {
    const repository = new ExperimentRepository(store);
    await repository.create({ id: 'draft', name: 'draft' });
    await assert.rejects(experimentReport(store, 'draft'), /has not started; it has no data yet/);
    await assert.rejects(experimentReport(store, 'missing'), /experiment "missing" does not exist/);
  });
});

/** The first impression the experiment logged for a variant. */
async function firstExposure(variant: string): Promise<Feedback> {
  for await (const batch of store.feedback.scan({ since: simulator.endTime, withContext: true })) {
    for (const event of batch) {
      const experiments = event.context?.experiments as Record<string, string> | undefined;
      if (event.type === 'impression' && experiments?.e2e === variant) return event;
    }
  }
  throw new Error(`no exposure in ${variant}`);
}

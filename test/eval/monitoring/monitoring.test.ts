import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { type MonitoringConfig, monitoringConfigSchema } from '../../../src/core/config/monitoring.ts';
import { makeItem } from '../../../src/core/types.ts';
import { ExperimentRepository } from '../../../src/eval/experiments/experiment-repository.ts';
import { evaluateRules } from '../../../src/eval/monitoring/alert-rules.ts';
import { Alerter } from '../../../src/eval/monitoring/alerter.ts';
import { llmSeries, modelSeries, recordOfflineMetric } from '../../../src/eval/monitoring/model-series.ts';
import { Monitor } from '../../../src/eval/monitoring/monitor.ts';
import { renderMetricSources, renderPrometheus } from '../../../src/eval/monitoring/prometheus.ts';
import { MonitoringRecorder } from '../../../src/eval/monitoring/recorder.ts';
import { monitoringSnapshot } from '../../../src/eval/monitoring/snapshot.ts';
import { exposureGini, storeSeries } from '../../../src/eval/monitoring/store-series.ts';
import type { TimeSeries } from '../../../src/eval/monitoring/time-series.ts';
import { KeyValueUsageLedger } from '../../../src/llm/usage/ledger.ts';
import { SqliteStore } from '../../../src/store/sqlite/store.ts';

const hour = 3_600_000;
const t0 = Date.UTC(2026, 10, 1);

function series(name: string, values: number[]): TimeSeries {
  return {
    name,
    label: name,
    unit: '',
    group: 'business',
    points: values.map((value, k) => ({ t: t0 + k * hour, value })),
  };
}

/** A store with a catalog of 4 items in 2 categories and two hours of hand-made traffic. */
async function trafficStore(): Promise<SqliteStore> {
  const store = SqliteStore.open(':memory:');
  await store.items.upsert([
    makeItem({ id: 'a', categories: ['Camping', 'Tents'], createdAt: t0 - 100 * hour }),
    makeItem({ id: 'b', categories: ['Camping', 'Tents'], createdAt: t0 - 100 * hour }),
    makeItem({ id: 'c', categories: ['Camping', 'Stoves'], createdAt: t0 + 30 * 60_000 }),
    makeItem({ id: 'd', categories: ['Camping', 'Stoves'], createdAt: t0 - 100 * hour }),
  ]);
  const event = (
    userId: string,
    itemId: string,
    type: string,
    minute: number,
    context: Record<string, unknown> = {},
  ) => ({
    userId,
    itemId,
    type,
    timestamp: t0 + minute * 60_000,
    context,
  });
  await store.feedback.add([
    // Old history: u1 is warm (5 positives), u2 is cold.
    ...Array.from({ length: 5 }, (_, k) => event('u1', 'a', 'click', -600 - k)),
    // Hour 0: a list of a, b (same category) for u1 and a list of a, c for u2; one click, one purchase; a search.
    event('u1', 'a', 'impression', 1, { source: 'home', requestId: 'r1' }),
    event('u1', 'b', 'impression', 1, { source: 'home', requestId: 'r1' }),
    event('u2', 'a', 'impression', 2, { source: 'home', requestId: 'r2' }),
    event('u2', 'c', 'impression', 2, { source: 'home', requestId: 'r2' }),
    event('u2', 'd', 'impression', 3, { source: 'search', requestId: 'r3' }),
    event('u1', 'a', 'click', 4, { source: 'home', requestId: 'r1' }),
    event('u1', 'a', 'purchase', 9, { source: 'home', requestId: 'r1', price: 10 }),
    // Hour 1: one list of c, d for u2; no clicks.
    event('u2', 'c', 'impression', 70, { source: 'home', requestId: 'r4' }),
    event('u2', 'd', 'impression', 70, { source: 'home', requestId: 'r4' }),
  ]);
  return store;
}

describe('store series', () => {
  it('computes CTR, CVR, coverage, Gini, diversity and data health per bucket', async () => {
    const store = await trafficStore();
    const all = await storeSeries(store, { from: t0, to: t0 + 2 * hour, bucketMs: hour, coldThreshold: 5 });
    const value = (name: string, k: number) => all.find((entry) => entry.name === name)!.points[k].value;
    assert.equal(value('ctr', 0), 1 / 5);
    assert.equal(value('cvr', 0), 1);
    assert.equal(value('ctr', 1), 0);
    assert.ok(Number.isNaN(value('cvr', 1)));
    // Recommendations shown in hour 0: a twice, b, c (the search exposure of d does not count).
    assert.equal(value('catalog_coverage', 0), 3 / 4);
    assert.ok(Math.abs(value('exposure_gini', 0) - exposureGini(Float64Array.from([2, 1, 1, 0]))) < 1e-12);
    assert.equal(value('intra_list_diversity', 0), 0.5, 'one list within a category, one across two');
    assert.equal(value('intra_list_diversity', 1), 0, 'c and d are both stoves');
    assert.equal(value('events_per_minute', 0), 7 / 60);
    assert.equal(value('new_items', 0), 1);
    assert.equal(value('active_users', 0), 2);
    assert.equal(value('cold_user_share', 0), 0.5, 'u2 is cold, u1 has 5 positives before');
    assert.equal(exposureGini(Float64Array.from([1, 1, 1])), 0);
    assert.ok(Math.abs(exposureGini(Float64Array.from([0, 0, 0, 4])) - 0.75) < 1e-12);
    await store.close();
  });
});

describe('in-process recorder', () => {
  it('keeps requests, errors, latency quantiles and LLM calls per minute', () => {
    let now = t0;
    const recorder = new MonitoringRecorder({ retentionMinutes: 120, now: () => now });
    for (let k = 0; k < 1000; k++)
      recorder.recordRequest({ status: k % 100 === 0 ? 503 : 200, latencyMs: 1 + (k % 100) });
    recorder.recordServed(40);
    recorder.recordLlm({ costUsd: 0.002, cacheHit: false });
    recorder.recordLlm({ costUsd: 0, cacheHit: true });
    now = t0 + 30 * 60_000;
    recorder.recordRequest({ status: 200, latencyMs: 5 });
    const all = recorder.series({ from: t0, to: t0 + hour, bucketMs: hour });
    const value = (name: string) => all.find((entry) => entry.name === name)!.points[0].value;
    assert.equal(value('requests_per_minute'), 1001 / 60);
    assert.equal(value('error_rate'), 10 / 1001);
    assert.ok(Math.abs(value('latency_p50_ms') / 51 - 1) < 0.1, `p50 ${value('latency_p50_ms')}`);
    assert.ok(Math.abs(value('latency_p99_ms') / 100 - 1) < 0.1, `p99 ${value('latency_p99_ms')}`);
    assert.equal(value('lists_served'), 40);
    assert.equal(value('llm_cache_hit_rate'), 0.5);
    // Two hours later the first minute's slot is reused: the old counts are gone.
    now = t0 + 2 * hour;
    recorder.recordRequest({ status: 200, latencyMs: 1 });
    const old = recorder.series({ from: t0, to: t0 + hour, bucketMs: hour });
    assert.equal(old.find((entry) => entry.name === 'requests_per_minute')!.points[0].value, 1 / 60);
  });
});

describe('alert rules', () => {
  const rules = monitoringConfigSchema.parse({
    rules: [
      { name: 'low-ctr', metric: 'ctr', kind: 'threshold', below: 0.02, points: 2 },
      { name: 'ctr-drift', metric: 'ctr', kind: 'drift', recent: 2, baseline: 6, maxRelativeChange: 0.2, maxZ: 3 },
    ],
  }).rules;

  it('fire on thresholds and on drift, not on noise', () => {
    const noisy = series('ctr', [0.05, 0.052, 0.048, 0.051, 0.049, 0.05, 0.047, 0.051]);
    assert.deepEqual(evaluateRules(rules, [noisy]), []);
    const dropped = series('ctr', [0.05, 0.052, 0.048, 0.051, 0.049, 0.05, 0.019, 0.018]);
    const alerts = evaluateRules(rules, [dropped]);
    assert.deepEqual(alerts.map((alert) => alert.rule).sort(), ['ctr-drift', 'low-ctr']);
    assert.match(alerts.find((alert) => alert.rule === 'ctr-drift')!.message, /ctr drifted -\d+\.\d% \(z = /);
    // Too little data: silent.
    assert.deepEqual(evaluateRules(rules, [series('ctr', [0.01])]), []);
    assert.throws(() => evaluateRules(rules, [series('cvr', [1])]), /alert rule "low-ctr": unknown metric "ctr"/);
    assert.throws(() => monitoringConfigSchema.parse({ rules: [{ name: 'x', metric: 'ctr', kind: 'spike' }] }), /kind/);
  });

  it('are posted to a webhook on change only, retried once, and logged', async () => {
    const received: unknown[] = [];
    let failNext = 0;
    const server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        if (failNext > 0) {
          failNext--;
          response.writeHead(500).end();
          return;
        }
        received.push(JSON.parse(body));
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const lines: string[] = [];
      const alerter = new Alerter({ webhookUrl: url, log: (line) => lines.push(line) });
      const dropped = series('ctr', [0.05, 0.052, 0.048, 0.051, 0.049, 0.05, 0.019, 0.018]);
      const alerts = evaluateRules(rules, [dropped]);
      await alerter.update(alerts);
      await alerter.update(alerts); // still firing: nothing new is sent
      failNext = 1; // the first delivery of the resolution fails, the retry succeeds
      await alerter.update([]);
      assert.equal(received.length, 2);
      assert.deepEqual((received[0] as { alerts: Array<{ rule: string }> }).alerts.map((alert) => alert.rule).sort(), [
        'ctr-drift',
        'low-ctr',
      ]);
      assert.deepEqual((received[1] as { resolved: string[] }).resolved.sort(), ['ctr-drift', 'low-ctr']);
      assert.equal(lines.filter((line) => JSON.parse(line).msg === 'alert').length, 2);
      assert.equal(alerter.failedDeliveries, 0);
      failNext = 2;
      await alerter.update(alerts);
      assert.equal(alerter.failedDeliveries, 1);
      assert.match(lines.at(-1)!, /"msg":"alert webhook failed".*HTTP 500/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('model, LLM and the whole snapshot', () => {
  it('tracks model age, offline metrics and LLM spend; exports JSON and Prometheus text', async () => {
    const store = await trafficStore();
    await store.blobs.put('pipeline-models', new Uint8Array([1]), { trainedAt: t0 - 10 * hour });
    await recordOfflineMetric(store, { metric: 'ndcg@10', value: 0.31, at: t0 - 10 * hour });
    await recordOfflineMetric(store, { metric: 'ndcg@10', value: 0.33, at: t0 + 90 * 60_000 });
    const model = await modelSeries(store, { from: t0, to: t0 + 2 * hour, bucketMs: hour });
    assert.deepEqual(
      model[0].points.map((point) => point.value),
      [11, 12],
    );
    assert.deepEqual(
      model[1].points.map((point) => point.value),
      [0.31, 0.33],
    );
    const ledger = new KeyValueUsageLedger(store.kv);
    ledger.record({ model: 'openai:gpt-4o-mini', costUsd: 0.01, calls: 3, cacheHits: 1, at: t0 + 1000 });
    await ledger.flush();
    const llm = await llmSeries(store, { from: t0, to: t0 + 2 * hour });
    assert.equal(llm[0].points[0].value, 0.01);
    assert.equal(llm[1].points[0].value, 1 / 3);
    await new ExperimentRepository(store).create({ id: 'exp', name: 'exp' });
    const config: MonitoringConfig = monitoringConfigSchema.parse({
      rules: [{ name: 'stale', metric: 'model_age_hours', kind: 'threshold', above: 11.5 }],
    });
    const snapshot = await monitoringSnapshot({
      store,
      from: t0,
      to: t0 + 2 * hour,
      bucketMs: hour,
      rules: config.rules,
    });
    assert.equal(snapshot.latest.ctr, 0);
    assert.deepEqual(
      snapshot.alerts.map((alert) => alert.rule),
      ['stale'],
    );
    assert.deepEqual(
      snapshot.experiments.map((experiment) => experiment.id),
      ['exp'],
    );
    const text = renderPrometheus(snapshot);
    assert.match(text, /^# TYPE lmrec_monitor_value gauge$/m);
    assert.match(text, /^lmrec_monitor_value\{series="ctr",group="business",unit="share"\} 0$/m);
    assert.match(text, /^lmrec_monitor_value\{series="offline_metric",group="model",unit="ndcg@10"\} 0.33$/m);
    assert.match(text, /^lmrec_monitor_alert_firing\{rule="stale",metric="model_age_hours",severity="warning"\} 1$/m);
    await store.close();
  });

  it('the server monitor evaluates on its own, feeds /metrics and never throws', async () => {
    const store = await trafficStore();
    const recorder = new MonitoringRecorder({ now: () => t0 + hour });
    recorder.recordRequest({ status: 500, latencyMs: 20 });
    const lines: string[] = [];
    const monitor = new Monitor({
      store,
      recorder,
      config: monitoringConfigSchema.parse({ windowHours: 2, bucketMinutes: 60 }),
      now: () => t0 + 2 * hour,
      log: (line) => lines.push(line),
    });
    assert.equal(monitor.latest(), null);
    assert.equal(renderMetricSources(monitor.metricSources()).includes('lmrec_monitor_value{'), false);
    const snapshot = (await monitor.evaluate())!;
    assert.equal(snapshot.latest.error_rate, 1);
    assert.ok(monitor.alerter.firing.has('server-errors'), 'the default rules include server errors');
    assert.match(
      renderMetricSources(monitor.metricSources()),
      /lmrec_monitor_value\{series="error_rate",group="serving",unit="share"\} 1/,
    );
    assert.ok(lines.some((line) => JSON.parse(line).rule === 'server-errors'));
    await store.close();
    // A closed store makes the evaluation fail: logged, not thrown.
    assert.equal(await monitor.evaluate(), null);
    assert.match(lines.at(-1)!, /monitoring evaluation failed/);
    monitor.start();
    await monitor.stop();
  });
});

// GET /metrics carries the monitor's series (business, diversity, serving latency and errors, data, model, LLM) and
// its firing alerts next to the per-route histograms.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testServer } from '../../src/testing/test-server.ts';

describe('/metrics with monitoring', () => {
  it('exports the latest monitored series, including serving latency and errors of the monitored routes', async () => {
    const t = await testServer();
    const app = t.server.app;
    try {
      for (let u = 0; u < 5; u++) {
        const response = await app.inject({
          method: 'GET',
          url: `/api/recommend/user-${u}?n=5`,
          headers: t.auth(t.clientKey),
        });
        assert.equal(response.statusCode, 200);
      }
      const before = (await app.inject({ method: 'GET', url: '/metrics', headers: t.auth(t.adminKey) })).body;
      assert.match(before, /# TYPE lmrec_monitor_value gauge/);
      await t.server.services.monitor.evaluate();
      const text = (await app.inject({ method: 'GET', url: '/metrics', headers: t.auth(t.adminKey) })).body;
      const value = (series: string) => {
        const line = text.split('\n').find((entry) => entry.startsWith(`lmrec_monitor_value{series="${series}"`));
        assert.ok(line, `series ${series} in /metrics`);
        return Number(line.slice(line.lastIndexOf(' ') + 1));
      };
      assert.ok(value('lists_served') >= 5, 'the five lists served');
      assert.ok(value('latency_p99_ms') >= 0);
      assert.equal(value('error_rate'), 0);
      assert.match(text, /lmrec_monitor_snapshot_timestamp_seconds \d/);
      assert.match(text, /lmrec_http_request_duration_seconds_bucket\{method="GET",route="\/api\/recommend\/:userId"/);
    } finally {
      await t.server.close();
    }
  });
});

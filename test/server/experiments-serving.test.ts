// Experiments on live traffic, end to end through the Fastify app: create and start an experiment whose variants
// change rerank settings, serve many users, post clicks with the served request ids, and read the report.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testServer } from '../../src/testing/test-server.ts';

const day = 86_400_000;

/** The fixture's positive items of a known user (seen: filtered out of the user's lists). */
function seenBy(userId: string): Set<string> {
  const u = Number(userId.slice('user-'.length));
  return new Set(Array.from({ length: 4 }, (_, j) => `item-${(u * 3 + j * 7) % 36}`));
}

describe('experiments on the recommend route', () => {
  it('assigns users, serves each variant its pipeline, logs exposures and reports per-variant CTR', async () => {
    const t = await testServer({ serving: { experimentsRefreshSeconds: 600 } });
    const admin = t.auth(t.adminKey);
    const client = t.auth(t.clientKey);
    const app = t.server.app;
    try {
      const bad = await app.inject({
        method: 'POST',
        url: '/api/experiments',
        headers: admin,
        payload: {
          id: 'bad',
          name: 'bad',
          variants: [
            { name: 'control', config: {} },
            { name: 'treatment', config: { pipeline: { rerank: { categoryCap: 0 } } } },
          ],
        },
      });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().field, 'variants[1].config.pipeline.rerank.categoryCap');

      const created = await app.inject({
        method: 'POST',
        url: '/api/experiments',
        headers: admin,
        payload: {
          id: 'rerank-test',
          name: 'Pinned item in rerank',
          guardrails: [],
          variants: [
            { name: 'control', config: { pipeline: { rerank: { categoryCap: 4 } } } },
            { name: 'treatment', config: { pipeline: { rerank: { boosts: { pinned: { items: ['item-30'] } } } } } },
          ],
        },
      });
      assert.equal(created.statusCode, 201, created.body);
      const started = await app.inject({ method: 'POST', url: '/api/experiments/rerank-test/start', headers: admin });
      assert.equal(started.json().status, 'running');

      const users = [
        ...Array.from({ length: 30 }, (_, k) => `user-${k}`),
        ...Array.from({ length: 90 }, (_, k) => `visitor-${k}`),
      ];
      const served = new Map<string, { variant: string; requestId: string; items: string[] }>();
      for (const userId of users) {
        const response = await app.inject({ method: 'GET', url: `/api/recommend/${userId}?n=6`, headers: client });
        assert.equal(response.statusCode, 200);
        const body = response.json();
        const variant = body.experiments?.['rerank-test'];
        assert.ok(variant === 'control' || variant === 'treatment', `${userId}: ${response.body}`);
        assert.equal(response.headers['x-lmrec-experiments'], `rerank-test=${variant}`);
        served.set(userId, {
          variant,
          requestId: body.requestId,
          items: body.items.map((item: { id: string }) => item.id),
        });
      }
      // Deterministic: the same user gets the same variant (and, cached, the same list) again.
      const again = await app.inject({ method: 'GET', url: '/api/recommend/user-3?n=6', headers: client });
      assert.equal(again.json().experiments['rerank-test'], served.get('user-3')!.variant);
      assert.equal(again.headers['x-lmrec-cache'], 'hit');

      const byVariant = { control: [] as string[], treatment: [] as string[] };
      for (const [userId, list] of served) byVariant[list.variant as 'control' | 'treatment'].push(userId);
      assert.ok(byVariant.control.length >= 35 && byVariant.treatment.length >= 35, JSON.stringify(byVariant));
      // The treatment's rerank settings apply to its users only: the pinned item leads their lists.
      for (const userId of byVariant.treatment) {
        if (userId.startsWith('user-') && seenBy(userId).has('item-30')) continue;
        assert.equal(served.get(userId)!.items[0], 'item-30', `treatment user ${userId}`);
      }
      for (const userId of byVariant.control) assert.notEqual(served.get(userId)!.items[0], 'item-30');

      // Clicks name the request id only (no variant): every treatment user clicks, every other control user does.
      const clickers = [...byVariant.treatment, ...byVariant.control.filter((_, k) => k % 2 === 0)];
      const posted = await app.inject({
        method: 'POST',
        url: '/api/feedback',
        headers: client,
        payload: {
          events: clickers.map((userId) => ({
            userId,
            itemId: served.get(userId)!.items[1],
            type: 'click',
            requestId: served.get(userId)!.requestId,
          })),
        },
      });
      assert.equal(posted.statusCode, 200, posted.body);
      await t.server.services.exposures.flush();

      // The exposure log: variant, 1-based position, source, request id and propensity per shown item.
      const impressions = await t.fixture.store.feedback.forUser('user-3', { types: ['impression'] });
      const list = served.get('user-3')!;
      assert.equal(impressions.length, list.items.length * 2, 'two requests of six items');
      const first = impressions.find((event) => event.itemId === list.items[0])!;
      assert.equal(first.context?.requestId, list.requestId);
      assert.equal(first.context?.position, 1);
      assert.equal(typeof first.context?.source, 'string');
      assert.equal(typeof first.context?.propensity, 'number');
      assert.deepEqual(first.context?.experiments, { 'rerank-test': list.variant });

      const report = (
        await app.inject({ method: 'GET', url: '/api/experiments/rerank-test/report', headers: admin })
      ).json();
      for (const name of ['control', 'treatment'] as const) {
        const summary = report.variants.find((variant: { name: string }) => variant.name === name);
        const ids = byVariant[name];
        const exposures = ids.reduce((sum, id) => sum + served.get(id)!.items.length * (id === 'user-3' ? 2 : 1), 0);
        const clicks = clickers.filter((id) => served.get(id)!.variant === name).length;
        assert.equal(summary.users, ids.length, `${name} users`);
        assert.equal(summary.exposures, exposures, `${name} exposures`);
        assert.ok(Math.abs(summary.metrics.ctr - clicks / exposures) < 1e-9, `${name} CTR ${summary.metrics.ctr}`);
      }
      assert.ok(report.sampleRatio, 'the report checks the sample ratio');

      // Stopped: no variant, no header, no exposure logged (serving.logExposures is off).
      await app.inject({ method: 'POST', url: '/api/experiments/rerank-test/stop', headers: admin });
      const after = await app.inject({ method: 'GET', url: '/api/recommend/visitor-1?n=6', headers: client });
      assert.equal(after.headers['x-lmrec-experiments'], undefined);
      assert.equal(after.json().experiments, undefined);
      await t.server.services.exposures.flush();
      const visitor = await t.fixture.store.feedback.forUser('visitor-1', { types: ['impression'] });
      assert.equal(visitor.length, 6, 'only the list served during the experiment');
      assert.ok(visitor.every((event) => event.timestamp > Date.now() - day));
    } finally {
      await t.server.close();
    }
  });
});

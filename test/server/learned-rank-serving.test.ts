// pipeline.rank.learned on a live server: served lists are logged as impressions, clicks name their request ids,
// the trainer fits a learned ranker on that log after the models, stores it as a blob, and the rank stage uses it.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadRankerBlob, rankerBlobName } from '../../src/pipeline/ranker-training.ts';
import { testServer } from '../../src/testing/test-server.ts';

describe('learned ranker in the rank stage', () => {
  it('is trained from the exposure log by the trainer and named in the pipeline trace', async () => {
    const t = await testServer({
      serving: {
        logExposures: true,
        cache: { enabled: false },
        pipeline: { rank: { learned: { enabled: true, minImpressions: 200 } } },
      },
    });
    const admin = t.auth(t.adminKey);
    const app = t.server.app;
    const engine = t.server.services.engine;
    const rankNotes = async () => {
      const response = await app.inject({ method: 'GET', url: '/api/pipeline/inspect/user-4', headers: admin });
      return response
        .json()
        .trace.find((stage: { stage: string }) => stage.stage === 'rank')
        .notes.join(' ');
    };
    try {
      // The first training found no logged impressions: fusion order, and nothing stored.
      const ranker = () => engine.ranker;
      assert.equal(ranker(), null);
      assert.doesNotMatch(await rankNotes(), /learned-ranker/);
      assert.equal((await t.fixture.store.blobs.list(rankerBlobName)).length, 0);

      const clicks = [];
      for (let round = 0; round < 3; round++) {
        for (let u = 0; u < 30; u++) {
          const userId = `user-${u}`;
          const body = (
            await app.inject({ method: 'GET', url: `/api/recommend/${userId}?n=8`, headers: t.auth(t.clientKey) })
          ).json();
          // Shoppers click the cheaper of the first three items (a pattern for the ranker to learn).
          const pick = body.items.slice(0, 3).sort((a: { id: string }, b: { id: string }) => {
            return Number(a.id.slice(5)) - Number(b.id.slice(5));
          })[0];
          clicks.push({ userId, itemId: pick.id, type: 'click', requestId: body.requestId });
        }
      }
      await t.server.services.exposures.flush();
      const posted = await app.inject({
        method: 'POST',
        url: '/api/feedback',
        headers: t.auth(t.clientKey),
        payload: { events: clicks },
      });
      assert.equal(posted.statusCode, 200, posted.body);

      await engine.train();
      assert.equal(ranker()?.name, 'learned-ranker', 'a ranker was trained and adopted');
      const blobs = await t.fixture.store.blobs.list(rankerBlobName);
      assert.equal(blobs.length, 1);
      assert.equal(blobs[0].meta?.impressions, 720);
      // Another process restores the same ranker from the store.
      const restored = await loadRankerBlob(t.fixture.store, engine.catalog);
      assert.ok(restored?.knows('item-3'));

      assert.match(await rankNotes(), /fusion: rrf, then learned-ranker/);
      const served = await app.inject({
        method: 'GET',
        url: '/api/recommend/user-4?n=8',
        headers: t.auth(t.clientKey),
      });
      assert.equal(served.statusCode, 200);
      assert.equal(served.json().items.length, 8);
    } finally {
      await t.server.close();
    }
  });
});

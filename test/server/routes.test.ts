// The REST contract: for every route, success, 401 without credentials, 403 with too weak a role, 400 naming the
// field, 404 where something is looked up, and 429 once the key's rate limit is spent.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { routeTable } from '../../src/server/routes.ts';
import { type TestServer, testServer } from '../../src/testing/test-server.ts';

describe('REST API contract', () => {
  let t: TestServer;
  let app: FastifyInstance;
  let storefront: string;
  const call = (options: InjectOptions & { key?: string }) =>
    app.inject({ ...options, headers: { ...options.headers, ...(options.key ? t.auth(options.key) : {}) } });

  before(async () => {
    t = await testServer();
    app = t.server.app;
    const session = await call({ method: 'POST', url: '/api/session' });
    storefront = session.json().token;
  });
  after(() => t.server.close());

  const routes = routeTable({ importLimitBytes: 1 }).map((route) => ({
    ...route,
    url: route.url.replace(':userId', 'user-1').replace(':id', 'item-1'),
  }));

  it('answers 401 on every non-public route without credentials, and with a wrong key', async () => {
    for (const route of routes.filter((entry) => entry.access !== 'public')) {
      const none = await call({ method: route.method, url: route.url });
      assert.equal(none.statusCode, 401, `${route.method} ${route.url}`);
      assert.match(none.json().message, /Bearer/);
      const wrong = await call({ method: route.method, url: route.url, key: 'not-a-real-key-at-all' });
      assert.equal(wrong.statusCode, 401, `${route.method} ${route.url} with a wrong key`);
    }
  });

  it('answers 403 when the role is too weak (client on admin routes, storefront on client routes)', async () => {
    for (const route of routes) {
      const weaker = route.access === 'admin' ? t.clientKey : route.access === 'client' ? storefront : null;
      if (!weaker) continue;
      const response = await call({ method: route.method, url: route.url, key: weaker });
      assert.equal(response.statusCode, 403, `${route.method} ${route.url}`);
    }
  });

  it('recommends: explained items, a model version header, cache hit on repeat, 400 naming the field', async () => {
    // n=10 was precomputed after training; n=9 is computed on the first request and cached.
    const precomputed = await call({ method: 'GET', url: '/api/recommend/user-1?n=10&explain=true', key: t.clientKey });
    assert.equal(precomputed.headers['x-lmrec-cache'], 'hit');
    assert.equal(precomputed.json().items.length, 10);
    const first = await call({ method: 'GET', url: '/api/recommend/user-1?n=9', key: t.clientKey });
    assert.equal(first.statusCode, 200);
    const body = first.json();
    assert.equal(body.items.length, 9);
    assert.ok(body.items.every((item: { reasons: Array<{ text: string }> }) => item.reasons[0].text.length > 0));
    assert.equal(first.headers['x-lmrec-model-version'], String(body.modelVersion));
    assert.equal(first.headers['x-lmrec-cache'], 'miss');
    const second = await call({ method: 'GET', url: '/api/recommend/user-1?n=9&explain=true', key: t.clientKey });
    assert.equal(second.headers['x-lmrec-cache'], 'hit');
    assert.equal(second.body, first.body);
    for (const [query, field] of [
      ['n=notanumber', 'n'],
      ['n=0', 'n'],
      ['lang=fr', 'lang'],
      ['explain=maybe', 'explain'],
    ]) {
      const bad = await call({ method: 'GET', url: `/api/recommend/user-1?${query}`, key: t.clientKey });
      assert.equal(bad.statusCode, 400, query);
      assert.equal(bad.json().field, field);
    }
  });

  it('serves a brand-new user a non-empty explained list', async () => {
    const response = await call({ method: 'GET', url: '/api/recommend/never-seen-before?n=5', key: t.clientKey });
    const items = response.json().items;
    assert.equal(items.length, 5);
    assert.ok(items.every((item: { reasons: unknown[] }) => item.reasons.length > 0));
  });

  it('removes a disliked item from the next response', async () => {
    const before = (await call({ method: 'GET', url: '/api/recommend/user-2?n=10', key: t.clientKey })).json();
    const target = before.items[0].id;
    const posted = await call({
      method: 'POST',
      url: '/api/feedback',
      key: t.clientKey,
      payload: { events: [{ userId: 'user-2', itemId: target, type: 'dislike' }] },
    });
    assert.deepEqual(posted.json(), { stored: 1, duplicates: 0 });
    const after = (await call({ method: 'GET', url: '/api/recommend/user-2?n=10', key: t.clientKey })).json();
    assert.ok(!after.items.some((item: { id: string }) => item.id === target));
  });

  it('takes feedback batches with idempotency keys, overwrite mode, and names a bad field', async () => {
    const events = [
      {
        userId: 'user-3',
        itemId: 'item-5',
        type: 'click',
        idempotencyKey: 'k-1',
        source: 'ials',
        position: 2,
        requestId: 'r-9',
      },
      { userId: 'user-3', itemId: 'item-6', type: 'rating', value: 4, timestamp: '2024-05-01T10:00:00Z' },
    ];
    assert.deepEqual(
      (await call({ method: 'POST', url: '/api/feedback', key: t.clientKey, payload: { events } })).json(),
      {
        stored: 2,
        duplicates: 0,
      },
    );
    const retry = await call({
      method: 'POST',
      url: '/api/feedback',
      key: t.clientKey,
      payload: { events: events.slice(0, 1) },
    });
    assert.deepEqual(retry.json(), { stored: 0, duplicates: 1 });
    const overwrite = await call({
      method: 'POST',
      url: '/api/feedback',
      key: t.clientKey,
      payload: { mode: 'overwrite', events: [{ userId: 'user-3', itemId: 'item-6', type: 'rating', value: 2 }] },
    });
    assert.equal(overwrite.json().stored, 1);
    const listed = (
      await call({ method: 'GET', url: '/api/users/user-3/feedback?types=rating', key: t.clientKey })
    ).json();
    assert.deepEqual(
      listed.events.map((event: { value: number }) => event.value),
      [2],
    );
    const stored = await t.fixture.store.feedback.forUser('user-3', { limit: 1, types: ['click'] });
    assert.equal(stored[0].itemId, 'item-5');
    for (const [payload, field] of [
      [{ events: [{ userId: 'u', itemId: 'i', type: 'nope' }] }, 'events[0].type'],
      [{ events: [{ userId: 'u', type: 'click' }] }, 'events[0].itemId'],
      [{ events: [] }, 'events'],
      [{ events: [{ userId: 'u', itemId: 'i', type: 'click', timestamp: 'yesterday' }] }, 'events[0].timestamp'],
    ] as const) {
      const bad = await call({ method: 'POST', url: '/api/feedback', key: t.clientKey, payload });
      assert.equal(bad.statusCode, 400, JSON.stringify(payload));
      assert.equal(bad.json().field, field);
    }
    const notJson = await call({
      method: 'POST',
      url: '/api/feedback',
      key: t.clientKey,
      headers: { 'content-type': 'application/json' },
      payload: '{"events": [',
    });
    assert.equal(notJson.statusCode, 400);
  });

  it('creates, reads, lists, patches and deletes items; 404 for unknown ones; 400 naming the field', async () => {
    const created = await call({
      method: 'POST',
      url: '/api/items',
      key: t.adminKey,
      payload: { id: 'new-tent', title: 'Storm tent', categories: ['Outdoor', 'Tents'], price: 320 },
    });
    assert.equal(created.statusCode, 201);
    const many = await call({
      method: 'POST',
      url: '/api/items',
      key: t.adminKey,
      payload: { items: [{ id: 'a1' }, { id: 'a2', available: false }] },
    });
    assert.deepEqual(many.json(), { stored: 2 });
    assert.equal(
      (await call({ method: 'GET', url: '/api/items/new-tent', key: storefront })).json().title,
      'Storm tent',
    );
    const patched = await call({
      method: 'PATCH',
      url: '/api/items/new-tent',
      key: t.adminKey,
      payload: { price: 300 },
    });
    assert.equal(patched.json().price, 300);
    assert.equal(patched.json().title, 'Storm tent');
    const page = (await call({ method: 'GET', url: '/api/items?limit=5&category=tents', key: t.clientKey })).json();
    assert.equal(page.items.length, 5);
    assert.ok(page.nextCursor);
    const next = (
      await call({
        method: 'GET',
        url: `/api/items?limit=5&category=tents&cursor=${page.nextCursor}`,
        key: t.clientKey,
      })
    ).json();
    assert.ok(
      !next.items.some((item: { id: string }) => page.items.some((seen: { id: string }) => seen.id === item.id)),
    );
    assert.equal((await call({ method: 'DELETE', url: '/api/items/new-tent', key: t.adminKey })).statusCode, 204);
    for (const [method, url] of [
      ['GET', '/api/items/new-tent'],
      ['PATCH', '/api/items/missing'],
      ['DELETE', '/api/items/missing'],
      ['GET', '/api/items/missing/similar'],
      ['GET', '/api/items/missing/complements'],
    ] as const) {
      const response = await call({
        method,
        url,
        key: t.adminKey,
        payload: method === 'PATCH' ? { price: 1 } : undefined,
      });
      assert.equal(response.statusCode, 404, `${method} ${url}`);
    }
    const bad = await call({
      method: 'POST',
      url: '/api/items',
      key: t.adminKey,
      payload: { id: 'x', price: 'cheap' },
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().field, /price/);
    const badPatch = await call({
      method: 'PATCH',
      url: '/api/items/item-1',
      key: t.adminKey,
      payload: { colour: 'red' },
    });
    assert.equal(badPatch.statusCode, 400);
    const badCursor = await call({ method: 'GET', url: '/api/items?cursor=abc', key: t.clientKey });
    assert.equal(badCursor.json().field, 'cursor');
  });

  it('imports and exports items and users as JSON Lines, all or nothing, naming the bad line', async () => {
    const lines = ['{"id":"jl-1","title":"One"}', '{"id":"jl-2","title":"Two","price":5}'].join('\n');
    const imported = await call({
      method: 'POST',
      url: '/api/items/import',
      key: t.adminKey,
      headers: { 'content-type': 'application/x-ndjson' },
      payload: lines,
    });
    assert.deepEqual(imported.json(), { stored: 2, lines: 2 });
    const bad = await call({
      method: 'POST',
      url: '/api/items/import',
      key: t.adminKey,
      headers: { 'content-type': 'application/x-ndjson' },
      payload: '{"id":"jl-3"}\n{"id":"jl-4","price":"x"}\n',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /line 2, field "price"/);
    assert.equal((await call({ method: 'GET', url: '/api/items/jl-3', key: t.adminKey })).statusCode, 404);
    const exported = await call({ method: 'GET', url: '/api/items/export', key: t.adminKey });
    const ids = exported.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).id);
    assert.ok(ids.includes('jl-1') && ids.includes('item-0'));
    const users = await call({
      method: 'POST',
      url: '/api/users/import',
      key: t.adminKey,
      headers: { 'content-type': 'application/x-ndjson' },
      payload: '{"id":"ju-1","attributes":{"city":"Oslo"}}',
    });
    assert.deepEqual(users.json(), { stored: 1, lines: 1 });
    const userLines = (await call({ method: 'GET', url: '/api/users/export', key: t.adminKey })).body
      .trim()
      .split('\n');
    assert.ok(userLines.some((line) => JSON.parse(line).id === 'ju-1'));
  });

  it('creates, reads, lists, patches and deletes users, and their hidden items', async () => {
    assert.equal(
      (
        await call({
          method: 'POST',
          url: '/api/users',
          key: t.adminKey,
          payload: { id: 'new-user', attributes: { age: 30 } },
        })
      ).statusCode,
      201,
    );
    assert.equal(
      (
        await call({
          method: 'POST',
          url: '/api/users',
          key: t.adminKey,
          payload: { users: [{ id: 'u-a' }, { id: 'u-b' }] },
        })
      ).json().stored,
      2,
    );
    assert.deepEqual((await call({ method: 'GET', url: '/api/users/new-user', key: t.clientKey })).json(), {
      id: 'new-user',
      attributes: { age: 30 },
    });
    const patched = await call({
      method: 'PATCH',
      url: '/api/users/new-user',
      key: t.adminKey,
      payload: { attributes: { city: 'Lyon' } },
    });
    assert.deepEqual(patched.json().attributes, { age: 30, city: 'Lyon' });
    const page = (await call({ method: 'GET', url: '/api/users?limit=3', key: t.clientKey })).json();
    assert.equal(page.users.length, 3);
    assert.ok(page.nextCursor);
    const first = (await call({ method: 'GET', url: '/api/recommend/user-4?n=5', key: t.clientKey })).json().items[0]
      .id;
    await call({ method: 'PUT', url: '/api/users/user-4/hidden', key: t.clientKey, payload: { items: [first] } });
    assert.deepEqual((await call({ method: 'GET', url: '/api/users/user-4/hidden', key: t.clientKey })).json(), {
      items: [first],
    });
    const after = (await call({ method: 'GET', url: '/api/recommend/user-4?n=5', key: t.clientKey })).json();
    assert.ok(!after.items.some((item: { id: string }) => item.id === first));
    assert.equal((await call({ method: 'DELETE', url: '/api/users/new-user', key: t.adminKey })).statusCode, 204);
    assert.equal((await call({ method: 'GET', url: '/api/users/new-user', key: t.adminKey })).statusCode, 404);
    assert.equal((await call({ method: 'DELETE', url: '/api/users/new-user', key: t.adminKey })).statusCode, 404);
    assert.equal((await call({ method: 'GET', url: '/api/users?limit=0', key: t.clientKey })).json().field, 'limit');
  });

  it('answers session recommendations, similar items, complements, popular, trending and latest lists', async () => {
    const session = await call({
      method: 'POST',
      url: '/api/session/recommend',
      key: storefront,
      payload: { items: ['item-3', { itemId: 'item-7', type: 'cart' }], n: 5 },
    });
    assert.equal(session.statusCode, 200);
    const sessionItems = session.json().items;
    assert.equal(sessionItems.length, 5);
    assert.ok(
      sessionItems.some((item: { reasons: Array<{ evidence: string[] }> }) =>
        item.reasons.some((reason) => reason.evidence.includes('item-7')),
      ),
    );
    assert.equal(
      (
        await call({ method: 'POST', url: '/api/session/recommend', key: storefront, payload: { items: 'item-3' } })
      ).json().field,
      'items',
    );
    const similar = (
      await call({ method: 'GET', url: '/api/items/item-3/similar?n=4&lang=zh', key: storefront })
    ).json();
    assert.equal(similar.items.length, 4);
    assert.match(similar.items[0].reasons[0].text, /相似/);
    const complements = (
      await call({ method: 'GET', url: '/api/items/item-3/complements?n=4', key: storefront })
    ).json();
    assert.equal(complements.items.length, 4);
    const popular = (
      await call({ method: 'GET', url: '/api/popular?category=Tents&n=3&details=true', key: storefront })
    ).json();
    assert.ok(
      popular.items.every((item: { item: { categories: string[] } }) => item.item.categories.includes('Tents')),
    );
    assert.equal((await call({ method: 'GET', url: '/api/trending?n=3', key: storefront })).json().items.length, 3);
    const latest = (await call({ method: 'GET', url: '/api/latest?n=3', key: storefront })).json();
    assert.match(latest.items[0].reasons[0].text, /New arrival/);
    assert.equal((await call({ method: 'GET', url: '/api/popular?n=x', key: storefront })).json().field, 'n');
  });

  it('searches with facets, and names a bad parameter', async () => {
    const response = await call({ method: 'GET', url: '/api/search?q=tents&maxPrice=200', key: storefront });
    const body = response.json();
    assert.ok(body.items.length > 0);
    assert.ok(body.items.every((item: { item: { price: number } }) => item.item.price <= 200));
    assert.equal(body.facets.categories[0].value, 'Tents');
    assert.ok(body.facets.price.buckets.length > 0);
    assert.equal((await call({ method: 'GET', url: '/api/search', key: storefront })).json().field, 'q');
    assert.equal(
      (await call({ method: 'GET', url: '/api/search?q=a&minPrice=-1', key: storefront })).json().field,
      'minPrice',
    );
  });

  it('gives storefront sessions their own user only', async () => {
    const session = (await call({ method: 'POST', url: '/api/session' })).json();
    assert.match(session.userId, /^visitor-/);
    const own = await call({ method: 'GET', url: `/api/recommend/${session.userId}?n=3`, key: session.token });
    assert.equal(own.statusCode, 200);
    const other = await call({ method: 'GET', url: '/api/recommend/user-1?n=3', key: session.token });
    assert.equal(other.statusCode, 403);
    const feedback = await call({
      method: 'POST',
      url: '/api/feedback',
      key: session.token,
      payload: { events: [{ userId: 'user-1', itemId: 'item-1', type: 'click' }] },
    });
    assert.equal(feedback.statusCode, 403);
    assert.equal(feedback.json().field, 'events[0].userId');
    const choose = await call({ method: 'POST', url: '/api/session', payload: { userId: 'user-1' } });
    assert.equal(choose.statusCode, 403);
    const forged = `${session.token.slice(0, -3)}abc`;
    assert.equal((await call({ method: 'GET', url: '/api/items', key: forged })).statusCode, 401);
  });

  it('manages API keys (shown once, hashes only) and answers the model and pinned routes', async () => {
    const created = await call({
      method: 'POST',
      url: '/api/keys',
      key: t.adminKey,
      payload: { role: 'client', name: 'shop' },
    });
    assert.equal(created.statusCode, 201);
    const { key, id } = created.json();
    assert.equal((await call({ method: 'GET', url: '/api/model', key })).statusCode, 200);
    const listed = (await call({ method: 'GET', url: '/api/keys', key: t.adminKey })).json().keys;
    assert.ok(listed.some((record: { id: string }) => record.id === id));
    assert.ok(!JSON.stringify(listed).includes(key));
    assert.ok(!JSON.stringify(await t.fixture.store.kv.entries('api-keys')).includes(key));
    assert.equal((await call({ method: 'DELETE', url: `/api/keys/${id}`, key: t.adminKey })).statusCode, 204);
    assert.equal((await call({ method: 'GET', url: '/api/model', key })).statusCode, 401);
    assert.equal((await call({ method: 'DELETE', url: '/api/keys/nope', key: t.adminKey })).statusCode, 404);
    assert.equal(
      (await call({ method: 'POST', url: '/api/keys', key: t.adminKey, payload: { role: 'root', name: 'x' } })).json()
        .field,
      'role',
    );
    const model = (await call({ method: 'GET', url: '/api/model', key: t.clientKey })).json();
    assert.ok(model.version >= 1);
    assert.ok(model.models.includes('ials'));
    await call({ method: 'PUT', url: '/api/pipeline/pinned', key: t.adminKey, payload: { items: ['item-30'] } });
    assert.deepEqual((await call({ method: 'GET', url: '/api/pipeline/pinned', key: t.clientKey })).json(), {
      items: ['item-30'],
    });
    const top = (await call({ method: 'GET', url: '/api/recommend/user-9?n=3', key: t.clientKey })).json().items[0];
    assert.equal(top.id, 'item-30');
    await call({ method: 'PUT', url: '/api/pipeline/pinned', key: t.adminKey, payload: { items: [] } });
    assert.equal(
      (await call({ method: 'PUT', url: '/api/pipeline/pinned', key: t.adminKey, payload: { items: 'x' } })).json()
        .field,
      'items',
    );
  });

  it('retrains on request and serves the new version in the header', async () => {
    const before = Number(
      (await call({ method: 'GET', url: '/api/recommend/user-5?n=3', key: t.clientKey })).headers[
        'x-lmrec-model-version'
      ],
    );
    const trained = await call({ method: 'POST', url: '/api/model/train?wait=true', key: t.adminKey });
    assert.equal(trained.statusCode, 200);
    assert.equal(trained.json().version, before + 1);
    const after = await call({ method: 'GET', url: '/api/recommend/user-5?n=3', key: t.clientKey });
    assert.equal(after.headers['x-lmrec-model-version'], String(before + 1));
    assert.equal(
      (await call({ method: 'POST', url: '/api/model/train?wait=perhaps', key: t.adminKey })).statusCode,
      400,
    );
  });

  it('shows every pipeline stage to admins (inspector) and refuses debug to others', async () => {
    const inspected = (await call({ method: 'GET', url: '/api/pipeline/inspect/user-6?n=5', key: t.adminKey })).json();
    assert.deepEqual(
      inspected.trace.map((stage: { stage: string }) => stage.stage).filter((stage: string) => stage !== 'fallback'),
      ['recall', 'merge', 'rank', 'rerank', 'explain'],
    );
    assert.ok(inspected.trace[0].sources.length >= 5);
    const debug = (await call({ method: 'GET', url: '/api/recommend/user-6?n=5&debug=true', key: t.adminKey })).json();
    assert.ok(Array.isArray(debug.trace));
    assert.equal(
      (await call({ method: 'GET', url: '/api/recommend/user-6?debug=true', key: t.clientKey })).statusCode,
      403,
    );
    assert.equal(
      (await call({ method: 'GET', url: '/api/pipeline/inspect/user-6?n=abc', key: t.adminKey })).json().field,
      'n',
    );
  });

  it('answers health, metrics, docs and unknown routes', async () => {
    assert.equal((await call({ method: 'GET', url: '/api/health/live' })).json().status, 'ok');
    assert.equal((await call({ method: 'GET', url: '/api/health/ready' })).json().status, 'ready');
    const metrics = await call({ method: 'GET', url: '/metrics' });
    for (const name of [
      'lmrec_http_request_duration_seconds_bucket',
      'lmrec_recommendations_served_total',
      'lmrec_cache_hit_ratio',
      'lmrec_model_age_seconds',
    ]) {
      assert.ok(metrics.body.includes(name), name);
    }
    const openapi = (await call({ method: 'GET', url: '/docs/json' })).json();
    assert.equal(openapi.openapi.slice(0, 1), '3');
    assert.ok(openapi.paths['/api/recommend/{userId}']);
    assert.equal((await call({ method: 'GET', url: '/docs' })).statusCode < 400, true);
    assert.equal((await call({ method: 'GET', url: '/api/nothing-here', key: t.clientKey })).statusCode, 404);
  });

  it('refuses bodies over the limit with 413', async () => {
    const huge = {
      events: [{ userId: 'u', itemId: 'i', type: 'click', context: { pad: 'x'.repeat(11 * 1024 * 1024) } }],
    };
    assert.equal(
      (await call({ method: 'POST', url: '/api/feedback', key: t.clientKey, payload: huge })).statusCode,
      413,
    );
  });
});

describe('REST API rate limits', () => {
  let t: TestServer;
  before(async () => {
    t = await testServer({ serving: { rateLimit: { client: 2, storefront: 2, admin: 2, anonymous: 2 } } });
  });
  after(() => t.server.close());

  it('answers 429 with Retry-After on every non-public route once the key has spent its window', async () => {
    for (const route of routeTable({ importLimitBytes: 1 })) {
      if (route.access === 'public') continue;
      const key = (
        await t.server.services.keys.create({ role: route.access === 'admin' ? 'admin' : 'client', name: route.url })
      ).key;
      const url = route.url.replace(':userId', 'user-1').replace(':id', 'item-1');
      for (let k = 0; k < 2; k++) await t.server.app.inject({ method: route.method, url, headers: t.auth(key) });
      const limited = await t.server.app.inject({ method: route.method, url, headers: t.auth(key) });
      assert.equal(limited.statusCode, 429, `${route.method} ${route.url}`);
      assert.ok(Number(limited.headers['retry-after']) >= 1);
    }
  });

  it('limits storefront sessions issued per address', async () => {
    const statuses = [];
    for (let k = 0; k < 3; k++)
      statuses.push((await t.server.app.inject({ method: 'POST', url: '/api/session' })).statusCode);
    assert.deepEqual(statuses, [201, 201, 429]);
  });
});

describe('exposure log', () => {
  it('records every served item as an impression with request id, position, source and propensity', async () => {
    const t = await testServer({ serving: { logExposures: true } });
    try {
      const response = await t.server.app.inject({
        method: 'GET',
        url: '/api/recommend/user-11?n=4',
        headers: t.auth(t.clientKey),
      });
      const served = response.json();
      await t.server.services.exposures!.flush();
      const impressions = await t.fixture.store.feedback.forUser('user-11', { types: ['impression'] });
      assert.deepEqual(
        impressions.map((event) => event.itemId).sort(),
        served.items.map((item: { id: string }) => item.id).sort(),
      );
    } finally {
      await t.server.close();
    }
  });
});

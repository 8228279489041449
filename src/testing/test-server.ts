// An API server over the serving fixture for route tests (fastify.inject): trained models, an admin and a client key.

import { parseConfig } from '../core/config/index.ts';
import { type ApiServer, createServer } from '../server/serve.ts';
import type { SharedState } from '../store/shared-state.ts';
import type { Store } from '../store/store.ts';
import { type ServingFixture, servingFixture } from './serving-fixture.ts';

export interface TestServer {
  server: ApiServer;
  fixture: ServingFixture;
  adminKey: string;
  clientKey: string;
  /** `{ authorization: 'Bearer …' }` for a key. */
  auth: (key: string) => { authorization: string };
}

export async function testServer(
  options: { serving?: Record<string, unknown>; store?: Store; shared?: SharedState; train?: boolean } = {},
): Promise<TestServer> {
  const fixture = await servingFixture({ store: options.store });
  const config = parseConfig({ db: ':memory:', serving: { trainer: { pollSeconds: 0 }, ...options.serving } });
  const server = await createServer({
    config,
    store: fixture.store,
    registry: fixture.registry,
    shared: options.shared,
  });
  if (options.train !== false) {
    await server.services.engine.train();
    await server.services.engine.precomputed();
  }
  server.services.readiness.ready = true;
  const adminKey = (await server.services.keys.create({ role: 'admin', name: 'test admin' })).key;
  const clientKey = (await server.services.keys.create({ role: 'client', name: 'test client' })).key;
  return { server, fixture, adminKey, clientKey, auth: (key) => ({ authorization: `Bearer ${key}` }) };
}

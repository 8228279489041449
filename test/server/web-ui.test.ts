// Serving the built UI: pages answer their HTML (and say how to build when there is no build), hashed assets are
// cached for a year and sent gzipped to browsers that take it, and nothing outside the assets folder is reachable.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import zlib from 'node:zlib';
import Fastify from 'fastify';
import { registerWebUi } from '../../src/server/web-ui.ts';
import { needsWebBuild } from '../../src/server/web-ui-files.ts';
import { temporaryFolder } from '../helpers/dataset-fixtures.ts';

function site(): string {
  const web = temporaryFolder('lmrec-web-');
  fs.mkdirSync(path.join(web, 'src'), { recursive: true });
  fs.writeFileSync(path.join(web, 'src', 'main.tsx'), 'export {};\n');
  return web;
}

it('answers 503 with how to build when the UI is not built, then the pages once it is', async () => {
  const web = site();
  assert.equal(needsWebBuild(web), true);
  const app = Fastify();
  registerWebUi(app, { directory: web });
  const missing = await app.inject({ method: 'GET', url: '/' });
  assert.equal(missing.statusCode, 503);
  assert.match(missing.body, /npm run build/);
  fs.mkdirSync(path.join(web, 'dist', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(web, 'dist', 'index.html'), '<title>shop</title>');
  fs.writeFileSync(path.join(web, 'dist', 'admin.html'), '<title>admin</title>');
  assert.equal(needsWebBuild(web), false);
  for (const [url, title] of [
    ['/', 'shop'],
    ['/item/tents-001', 'shop'],
    ['/search?q=tent', 'shop'],
    ['/cart', 'shop'],
    ['/plan', 'shop'],
    ['/admin', 'admin'],
    ['/admin/monitoring', 'admin'],
  ]) {
    const page = await app.inject({ method: 'GET', url });
    assert.equal(page.statusCode, 200, url);
    assert.match(page.headers['content-type'] as string, /text\/html/);
    assert.equal(page.headers['cache-control'], 'no-cache');
    assert.match(page.body, new RegExp(title));
  }
  // A source file changed after the build: the build is stale.
  const later = new Date(Date.now() + 5000);
  fs.utimesSync(path.join(web, 'src', 'main.tsx'), later, later);
  assert.equal(needsWebBuild(web), true);
  await app.close();
});

it('serves hashed assets with a year of caching, gzipped when accepted, and refuses other paths', async () => {
  const web = site();
  const assets = path.join(web, 'dist', 'assets');
  fs.mkdirSync(assets, { recursive: true });
  const script = 'console.log("shop");'.repeat(20);
  fs.writeFileSync(path.join(assets, 'store-abc123.js'), script);
  fs.writeFileSync(path.join(assets, 'store-abc123.js.gz'), zlib.gzipSync(script));
  fs.writeFileSync(path.join(web, 'dist', 'secret.txt'), 'no');
  const app = Fastify();
  registerWebUi(app, { directory: web });
  const plain = await app.inject({ method: 'GET', url: '/assets/store-abc123.js' });
  assert.equal(plain.statusCode, 200);
  assert.equal(plain.body, script);
  assert.match(plain.headers['content-type'] as string, /text\/javascript/);
  assert.match(plain.headers['cache-control'] as string, /immutable/);
  const gzipped = await app.inject({
    method: 'GET',
    url: '/assets/store-abc123.js',
    headers: { 'accept-encoding': 'gzip, br' },
  });
  assert.equal(gzipped.headers['content-encoding'], 'gzip');
  assert.equal(zlib.gunzipSync(gzipped.rawPayload).toString(), script);
  for (const url of ['/assets/..%2Fsecret.txt', '/assets/.hidden', '/assets/nothing.js', '/secret.txt']) {
    assert.equal((await app.inject({ method: 'GET', url })).statusCode, 404, url);
  }
  await app.close();
});

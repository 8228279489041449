// The built web UI from the API's own process: the storefront's pages (/, /item/:id, /search, /cart, /plan) and the
// admin dashboard (/admin…) answer their HTML page; /assets/* are the hashed bundles (cached for a year, gzip when
// the build left a .gz beside them). Without a build, the pages say how to make one.

import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { webDirectory } from './web-ui-files.ts';

const storefrontPages = ['/', '/item/:id', '/search', '/cart', '/plan'];
const adminPages = ['/admin', '/admin/*'];

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const notBuilt = `<!doctype html><html lang="en"><meta charset="utf-8"><title>lmrec</title>
<body style="font:16px system-ui;margin:40px"><h1>The web UI is not built</h1>
<p>Run <code>npm run build</code> (or <code>npm install</code>) in the lmrec folder, then reload. The API is at
<a href="/docs">/docs</a>.</p></body></html>`;

export function registerWebUi(app: FastifyInstance, options: { directory?: string } = {}): void {
  const dist = path.join(options.directory ?? webDirectory(), 'dist');
  const assets = path.join(dist, 'assets');
  const page = (file: string) => (_request: FastifyRequest, reply: FastifyReply) => {
    const html = readPage(path.join(dist, file));
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8');
    if (html === null) return reply.code(503).send(notBuilt);
    return reply.send(html);
  };
  for (const url of storefrontPages) app.get(url, { schema: { hide: true } }, page('index.html'));
  for (const url of adminPages) app.get(url, { schema: { hide: true } }, page('admin.html'));
  app.get<{ Params: { file: string } }>('/assets/:file', { schema: { hide: true } }, (request, reply) => {
    const name = request.params.file;
    // Names come from the build: letters, digits, dots, dashes and underscores only (no paths).
    if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) return reply.code(404).send();
    const file = path.join(assets, name);
    if (!fs.existsSync(file)) return reply.code(404).send();
    reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('vary', 'accept-encoding')
      .type(contentTypes[path.extname(name)] ?? 'application/octet-stream');
    const gzip = `${file}.gz`;
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')) && fs.existsSync(gzip)) {
      return reply.header('content-encoding', 'gzip').send(fs.createReadStream(gzip));
    }
    return reply.send(fs.createReadStream(file));
  });
}

/** The page's HTML, re-read only when the file changed (a rebuild while serving); null when it is not built. */
const pages = new Map<string, { mtimeMs: number; html: string }>();
function readPage(file: string): string | null {
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
  const cached = pages.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.html;
  const html = fs.readFileSync(file, 'utf8');
  pages.set(file, { mtimeMs, html });
  return html;
}

// What `lmrec serve` and `npm start` share: open the store and the server, print the admin key once, train when
// there is no model yet (with a progress bar), listen, and shut down gracefully on SIGINT/SIGTERM.

import fs from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../core/config/index.ts';
import { ConfigError } from '../core/errors.ts';
import { loadRegistry, registryModule } from '../pipeline/default-registry.ts';
import { EmbeddingWorker } from '../pipeline/embedding-worker.ts';
import { type ApiServer, createServer } from '../server/serve.ts';
import type { Store } from '../store/store.ts';
import { commandProgress } from './context.ts';

export interface RunServerOptions {
  command: Command;
  config: Config;
  store: Store;
  /** Retrain even when a stored model exists. */
  retrain?: boolean;
  /** A line after the URLs (e.g. that the demo store was made). */
  banner?: string;
}

export async function runServer(options: RunServerOptions): Promise<ApiServer> {
  const { config, store, command } = options;
  const progress = commandProgress(command);
  const log = (message: string) => process.stderr.write(`${new Date().toISOString()} ${message}\n`);
  const registry = await loadRegistry();
  const server = await createServer({ config, store, registry, registryModule: registryModule(), log });
  const shutdown = installShutdown(server, log);
  try {
    const admin = await server.services.keys.bootstrap(process.env.LMREC_ADMIN_KEY || undefined);
    const { port, host } = config.serving;
    const address = await server.app.listen({ port, host });
    const local = address.replace('127.0.0.1', 'localhost').replace('[::1]', 'localhost');
    const engine = server.services.engine;
    if (!engine.bundle || options.retrain) {
      await engine.train({ progress });
    }
    // Ready once the most active users' lists are cached (or after 30 s; the rest fill in as they come).
    await Promise.race([engine.precomputed(), new Promise((resolve) => setTimeout(resolve, 30_000).unref())]);
    server.services.readiness.ready = true;
    if (config.serving.embeddings) await startEmbeddings(server, config, log);
    const lines = [
      `lmrec is serving ${store.location} (${engine.catalog.size.toLocaleString('en-US')} items, model v${engine.modelVersion ?? 0})`,
      `  API       ${local}/api`,
      `  docs      ${local}/docs`,
      `  metrics   ${local}/metrics`,
      `  health    ${local}/api/health/ready`,
    ];
    if (admin?.generated) lines.push(`  admin key ${admin.key}   (shown once: keep it; only its hash is stored)`);
    else if (admin) lines.push('  admin key from LMREC_ADMIN_KEY');
    else lines.push('  admin key printed at the first start (new one: lmrec keys create --role admin --name me)');
    if (config.serving.storefront.enabled)
      lines.push('  browsers  POST /api/session gives a storefront token (no key needed)');
    if (options.banner) lines.push(options.banner);
    process.stdout.write(`${lines.join('\n')}\n`);
    return server;
  } catch (error) {
    await shutdown();
    throw error;
  }
}

/** SIGINT/SIGTERM: stop taking requests, drain, flush writes, close; a second signal exits at once. */
function installShutdown(server: ApiServer, log: (message: string) => void): () => Promise<void> {
  let stopping = false;
  const stop = async () => {
    if (stopping) process.exit(1);
    stopping = true;
    log('shutting down: draining requests and flushing writes');
    try {
      await server.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Run through `npx`/`npm exec`, the server is npm's grandchild, and stopping whoever started npm reaches neither
  // npm nor the server: both would run on, orphaned. So under npm exec, the server stops when any of its first few
  // ancestors is gone or re-parented (a server started otherwise, e.g. under nohup or a supervisor, is never stopped
  // this way).
  const lineage = ancestry(process.pid, 4);
  const watch =
    process.env.npm_command === 'exec' && lineage.length > 0
      ? setInterval(() => {
          if (lineage.some(([pid, parent]) => parentOf(pid) !== parent)) {
            log('the npm process that started this server (or what started npm) is gone');
            void stop();
          }
        }, 1000).unref()
      : null;
  return async () => {
    if (watch) clearInterval(watch);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await server.close();
  };
}

/** --port, then PORT, then the config; --host, then HOST, then the config. */
export function serverOverrides(options: { port?: string; host?: string }): Record<string, unknown> {
  const port = options.port ?? process.env.PORT;
  const overrides: Record<string, unknown> = {};
  if (port !== undefined) {
    const value = Number(port);
    if (!Number.isInteger(value) || value < 0 || value > 65_535) {
      throw new ConfigError(`port must be an integer from 0 to 65535 (got ${JSON.stringify(port)})`, {
        context: { field: 'port' },
      });
    }
    overrides['serving.port'] = value;
  }
  const host = options.host ?? process.env.HOST;
  if (host) overrides['serving.host'] = host;
  return overrides;
}

/**
 * The embedding worker, when there is something to embed for: item vectors already stored (search queries get
 * vectors), or `embedCatalog` (missing item vectors are computed in the background).
 */
async function startEmbeddings(server: ApiServer, config: Config, log: (message: string) => void): Promise<void> {
  const namespace = config.serving.pipeline.rerank.diversity.vectorNamespace;
  const catalog = server.services.engine.catalog;
  const sample = [...catalog.values()].slice(0, 50).map((entry) => entry.item.id);
  const hasVectors = (await server.services.store.vectors.get(namespace, sample)).length > 0;
  if (!hasVectors && !config.serving.embedCatalog) return;
  EmbeddingWorker.start({ location: config.db, llm: config.llm })
    .then(async (worker) => {
      server.services.embedder = worker;
      if (!config.serving.embedCatalog) return;
      const count = await worker.index(namespace);
      if (count > 0) log(`embedded ${count} items (${worker.name}) for hybrid search`);
    })
    .catch((error) => log(`embeddings are off (${(error as Error).message}); search uses full text only`));
}

/** [pid, parent] pairs from `pid` up, at most `levels` of them, stopping below init. */
function ancestry(pid: number, levels: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let current = pid; out.length < levels; ) {
    const parent = parentOf(current);
    if (parent === null || parent <= 1) break;
    out.push([current, parent]);
    current = parent;
  }
  return out;
}

/** The parent of a process (Linux /proc), or null where that cannot be read. */
function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ")": state, then the parent.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

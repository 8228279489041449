// Starting and stopping the API server: open the shared state, build the engine and the services, listen, and on
// shutdown stop taking requests, drain those in flight, flush pending writes, then close the engine and the stores.

import type { FastifyInstance } from 'fastify';
import type { Config } from '../core/config/index.ts';
import { ExperimentAssigner } from '../eval/experiments/experiment-assigner.ts';
import { Monitor } from '../eval/monitoring/monitor.ts';
import { MonitoringRecorder } from '../eval/monitoring/recorder.ts';
import { RecommendationEngine } from '../pipeline/engine.ts';
import type { QueryEmbedder } from '../pipeline/hybrid-search.ts';
import type { ModelRegistry } from '../pipeline/model-bundle.ts';
import { openSharedState } from '../store/open-shared-state.ts';
import type { SharedState } from '../store/shared-state.ts';
import type { Store } from '../store/store.ts';
import { buildApp } from './app.ts';
import { ApiKeys } from './auth/api-keys.ts';
import { StorefrontSessions } from './auth/storefront-sessions.ts';
import { ExperimentServing } from './experiment-serving.ts';
import { ExposureLog } from './exposure-log.ts';
import { FeedbackWriter } from './feedback-writer.ts';
import { llmPipelinePorts } from './llm-pipeline-ports.ts';
import { Metrics } from './metrics.ts';
import { RateLimiter } from './rate-limiter.ts';
import { registerServerMetrics } from './server-metrics.ts';
import type { ServerServices } from './services.ts';

export interface ServerOptions {
  config: Config;
  store: Store;
  registry: ModelRegistry;
  /** Shared state; opened from `config.redisUrl` when absent. */
  shared?: SharedState;
  /** A module exporting `recommenders`, so that retraining runs in a worker thread. */
  registryModule?: string;
  embedder?: QueryEmbedder | null;
  log?: (message: string) => void;
  /** Fastify's logger (off by default). */
  logger?: boolean;
  /** Evaluate the monitored series and alert rules every monitoring.intervalSeconds (default true). */
  monitor?: boolean;
}

export interface ApiServer {
  app: FastifyInstance;
  services: ServerServices;
  /** Stops taking requests, drains, flushes, closes everything this server opened (and the store). */
  close: () => Promise<void>;
}

/** Builds the server without listening (tests inject requests; `listen` binds a port). */
export async function createServer(options: ServerOptions): Promise<ApiServer> {
  const { config, store } = options;
  const shared = options.shared ?? (await openSharedState(config.redisUrl, config.serving.redisPrefix));
  const engine = await RecommendationEngine.create({
    store,
    shared,
    config: config.serving,
    registry: options.registry,
    location: config.db,
    registryModule: options.registryModule,
    log: options.log,
    ...llmPipelinePorts({ config, store, log: options.log }),
  });
  const limits = config.serving.rateLimit;
  const keys = new ApiKeys({
    store,
    defaultLimits: { admin: limits.admin, client: limits.client, storefront: limits.storefront },
  });
  const sessions = config.serving.storefront.enabled
    ? await StorefrontSessions.open({
        store,
        ttlMs: config.serving.storefront.ttlMinutes * 60_000,
        rateLimit: limits.storefront,
      })
    : null;
  const limiter = new RateLimiter({
    windowMs: limits.windowSeconds * 1000,
    counters: shared.kind === 'memory' ? null : shared.counters,
  });
  const writer = new FeedbackWriter({ store, engine });
  // Running experiments are read now, then every few seconds in the background (a start or stop reaches every process).
  const experiments = new ExperimentAssigner({ store, refreshMs: config.serving.experimentsRefreshSeconds * 1000 });
  await experiments
    .refresh()
    .catch((error) => options.log?.(`reading the experiments failed: ${(error as Error).message}`));
  const metrics = new Metrics();
  const recorder = new MonitoringRecorder();
  // The monitored series and alert rules, evaluated in the background; /metrics exports the latest values.
  const monitor = new Monitor({
    store,
    config: config.monitoring,
    recorder,
    coldThreshold: config.coldThreshold,
    log: options.log,
  });
  for (const source of monitor.metricSources()) metrics.register(source);
  const services: ServerServices = {
    config,
    store,
    engine,
    keys,
    sessions,
    limiter,
    metrics,
    recorder,
    monitor,
    writer,
    exposures: new ExposureLog({ store }),
    experiments,
    variants: new ExperimentServing(),
    embedder: options.embedder ?? null,
    readiness: { ready: false },
  };
  const stopMetrics = registerServerMetrics(metrics, services);
  if (options.monitor !== false) monitor.start();
  const unsubscribe = shared.broadcast.subscribe('keys', () => keys.forget());
  const app = await buildApp(services, { logger: options.logger });
  let closing: Promise<void> | null = null;
  return {
    app,
    services,
    close: () => {
      closing ??= (async () => {
        await drain(app, 10_000);
        await writer.flush();
        await services.exposures.flush();
        await engine.close();
        await services.embedder?.close?.();
        limiter.stop();
        await monitor.stop();
        stopMetrics();
        unsubscribe();
        if (!options.shared) await shared.close();
        await store.close();
      })();
      return closing;
    },
  };
}

/**
 * Stops taking requests and waits for those in flight. Keep-alive connections that fall idle after the close began
 * are closed as they go idle (else they would hold the close open); after `timeoutMs`, all are cut.
 */
async function drain(app: FastifyInstance, timeoutMs: number): Promise<void> {
  const closed = app.close();
  const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
  try {
    if ((await Promise.race([closed.then(() => 'closed' as const), timeout])) === 'timeout') {
      app.server.closeAllConnections();
      await closed;
    }
  } finally {
    clearInterval(sweep);
  }
}

// What the HTTP layer calls: the store, the engine, auth, limits and metrics. Built once per server (serve.ts).

import type { Config } from '../core/config/index.ts';
import type { ExperimentAssigner } from '../eval/experiments/experiment-assigner.ts';
import type { Monitor } from '../eval/monitoring/monitor.ts';
import type { MonitoringRecorder } from '../eval/monitoring/recorder.ts';
import type { RecommendationEngine } from '../pipeline/engine.ts';
import type { QueryEmbedder } from '../pipeline/hybrid-search.ts';
import type { Store } from '../store/store.ts';
import type { ApiKeys } from './auth/api-keys.ts';
import type { StorefrontSessions } from './auth/storefront-sessions.ts';
import type { ExperimentServing } from './experiment-serving.ts';
import type { ExposureLog } from './exposure-log.ts';
import type { FeedbackWriter } from './feedback-writer.ts';
import type { Metrics } from './metrics.ts';
import type { RateLimiter } from './rate-limiter.ts';

export interface ServerServices {
  config: Config;
  store: Store;
  engine: RecommendationEngine;
  keys: ApiKeys;
  /** Null when storefront sessions are switched off. */
  sessions: StorefrontSessions | null;
  limiter: RateLimiter;
  metrics: Metrics;
  /** Requests, latency and lists served per minute, for the dashboard's monitoring charts. */
  recorder: MonitoringRecorder;
  /** Evaluates the monitored series and alert rules in the background; /metrics exports its latest snapshot. */
  monitor: Monitor;
  writer: FeedbackWriter;
  /** Logs every list served when serving.logExposures is on, and the lists of users in a running experiment. */
  exposures: ExposureLog;
  /** The user's variants in the running experiments (cached, re-read every few seconds). */
  experiments: ExperimentAssigner;
  /** The pipeline overrides and cache key of each combination of variants. */
  variants: ExperimentServing;
  /** Embeds search queries (and new items) for hybrid search; text only when null. Set once its worker is up. */
  embedder:
    | (QueryEmbedder & {
        index?: (namespace: string, ids?: readonly string[]) => Promise<number>;
        close?: () => Promise<void>;
      })
    | null;
  /** Set once startup (training when needed) is done: /api/health/ready answers 200 from then on. */
  readiness: { ready: boolean };
}

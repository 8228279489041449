// Handlers of the web UI's routes: thin calls into the data, eval and LLM layers. What scans the whole store (the
// overview, the monitoring snapshot) is computed once a minute at most and shared by concurrent requests.

import type { z } from 'zod';
import { storeStats } from '../../data/stats.ts';
import { experimentReport as computeReport } from '../../eval/experiments/experiment-report.ts';
import { ExperimentRepository } from '../../eval/experiments/experiment-repository.ts';
import { monitoringSnapshot } from '../../eval/monitoring/snapshot.ts';
import { parseDuration } from '../../eval/monitoring/time-series.ts';
import { windowEnd } from '../../eval/monitoring/window-end.ts';
import { lastEvaluation } from '../../eval/report/last-evaluation.ts';
import { KeyValueUsageLedger } from '../../llm/usage/ledger.ts';
import { HttpError } from '../http-error.ts';
import type { HandlerInput } from '../route.ts';
import type { monitoringQuery, usageQuery } from '../schemas/dashboard.ts';
import type { ServerServices } from '../services.ts';

const cacheMs = 60_000;
const computed = new WeakMap<ServerServices, Map<string, { at: number; value: Promise<unknown> }>>();

/** The value computed under `key` in the last minute, or a new computation (a failed one is not kept). */
function cached<T>(services: ServerServices, key: string, compute: () => Promise<T>): Promise<T> {
  let entries = computed.get(services);
  if (!entries) computed.set(services, (entries = new Map()));
  const hit = entries.get(key);
  if (hit && Date.now() - hit.at < cacheMs) return hit.value as Promise<T>;
  const value = compute();
  entries.set(key, { at: Date.now(), value });
  value.catch(() => entries.delete(key));
  return value;
}

/** Attributes of a user the storefront's selector shows (never anything else about them). */
const shownAttributes = ['nickname', 'city', 'language', 'interests'];

export async function storefrontSettings({ services, request }: HandlerInput) {
  const storefront = services.config.serving.storefront;
  const actAsAnyUser = storefront.enabled && storefront.actAsAnyUser;
  let users: Array<{ id: string; attributes: Record<string, unknown> }> = [];
  if (actAsAnyUser) {
    const ids = services.engine.bundle?.activeUsers.slice(0, 24) ?? [];
    const found = ids.length
      ? await services.store.users.get(ids)
      : (await services.store.users.list({ limit: 24 })).rows;
    const order = new Map(ids.map((id, index) => [id, index]));
    users = found
      .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
      .map((user) => ({
        id: user.id,
        attributes: Object.fromEntries(
          Object.entries(user.attributes).filter(([key]) => shownAttributes.includes(key)),
        ),
      }));
  }
  return { actAsAnyUser, users, assistant: request.server.hasRoute({ method: 'POST', url: '/api/chat' }) };
}

export function overview({ services }: HandlerInput) {
  return cached(services, 'overview', async () => {
    const stats = await storeStats(services.store, {
      coldThreshold: services.config.coldThreshold,
      longTailPoints: 100,
    });
    const categories = new Map<string, number>();
    let available = 0;
    for (const entry of services.engine.catalog.values()) {
      if (entry.item.available) available++;
      const name = entry.leafCategory ?? '(none)';
      categories.set(name, (categories.get(name) ?? 0) + 1);
    }
    const bundle = services.engine.bundle;
    return {
      stats,
      catalog: {
        items: services.engine.catalog.size,
        available,
        categories: [...categories].map(([name, items]) => ({ name, items })).sort((a, b) => b.items - a.items),
      },
      model: {
        version: bundle?.version ?? null,
        trainedAt: bundle?.trainedAt ?? null,
        models: bundle ? [...bundle.models.keys()] : [],
        servedBySource: Object.fromEntries(services.engine.servedBySource),
      },
      computedAt: Date.now(),
    };
  });
}

export async function evaluation({ services }: HandlerInput) {
  return { evaluation: await lastEvaluation(services.store) };
}

export async function monitoring({ services, query }: HandlerInput<unknown, z.output<typeof monitoringQuery>>) {
  const windowMs = parseDuration(query.window, 'window');
  const bucketMs = parseDuration(query.bucket, 'bucket');
  if (bucketMs > windowMs) throw new HttpError(400, 'bucket must not be longer than window', { field: 'bucket' });
  if (windowMs / bucketMs > 2000) throw new HttpError(400, 'at most 2,000 buckets per window', { field: 'bucket' });
  const config = services.config;
  const snapshot = await cached(services, `monitoring:${query.window}:${query.bucket}:${query.to}`, async () => {
    const to = await windowEnd(services.store, query.to, { windowMs });
    return monitoringSnapshot({
      store: services.store,
      from: to - windowMs,
      to,
      bucketMs,
      rules: config.monitoring.rules,
      recorder: services.recorder,
      coldThreshold: config.coldThreshold,
      modelBlob: config.monitoring.modelBlob,
    });
  });
  const now = Date.now();
  const minute = 60_000;
  const liveTo = Math.ceil(now / minute) * minute;
  return {
    snapshot,
    live: services.recorder.series({ from: liveTo - query.liveMinutes * minute, to: liveTo, bucketMs: minute }),
    servedBySource: Object.fromEntries(services.engine.servedBySource),
  };
}

export async function llmUsage({ services, query }: HandlerInput<unknown, z.output<typeof usageQuery>>) {
  const totals = await new KeyValueUsageLedger(services.store.kv).totals({ since: query.since });
  return { ...totals, cacheHitRate: totals.calls ? totals.cacheHits / totals.calls : null };
}

export async function experiments({ services }: HandlerInput) {
  const list = await new ExperimentRepository(services.store).list();
  return { experiments: list.sort((a, b) => b.createdAt - a.createdAt) };
}

export function experimentReport({ services, params }: HandlerInput<{ id: string }>) {
  return computeReport(services.store, params.id, { cacheTtlMs: cacheMs });
}

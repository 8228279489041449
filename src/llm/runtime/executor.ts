// Runs one gateway call: the response cache, then the provider fallback chain, with budgets checked before each
// network call, usage accounted after it, and provider errors turned into the gateway's typed errors.

import { APICallError } from '@ai-sdk/provider';
import { LmrecError } from '../../core/errors.ts';
import {
  BudgetExceededError,
  LlmNotConfiguredError,
  LlmOutputError,
  LlmProviderError,
  LlmTimeoutError,
} from '../errors.ts';
import type { ModelSpec } from '../model-spec.ts';
import type { ProviderContext } from '../providers/create-models.ts';
import { configureHint, type LlmSettings, type ModelRole } from '../settings.ts';
import type { CallOptions, TokenUsage } from '../spec.ts';
import type { JobBudget } from '../usage/budget.ts';
import { dayOf, type UsageLedger } from '../usage/ledger.ts';
import { costOf, priceOf } from '../usage/prices.ts';
import type { LlmLogger } from './logger.ts';
import { type ResponseCache, requestKey } from './response-cache.ts';
import { type CallTrace, withTrace } from './trace.ts';

export interface GatewayRuntime {
  settings: LlmSettings;
  cache: ResponseCache;
  ledger: UsageLedger;
  logger: LlmLogger;
  providers: ProviderContext;
  jobs: Map<string, JobBudget>;
  /** Today's spending before this process started, loaded once for the daily budget. */
  spentBefore: { day: string; costUsd: number } | null;
  /** Spending of this process per day. */
  spentHere: Map<string, number>;
}

export interface CallPlan<T> {
  role: ModelRole;
  /** The kind of call (chat, json, image, …): part of the cache key. */
  kind: string;
  /** The normalised request for the cache key; null when the call must not be cached. */
  request: unknown;
  options: CallOptions;
  run(spec: ModelSpec): Promise<{ value: T; promptTokens: number; completionTokens: number }>;
  serialise(value: T): string;
  deserialise(text: string): T;
}

export interface Executed<T> {
  value: T;
  model: string;
  cached: boolean;
  usage: TokenUsage;
}

export function notConfigured(role: ModelRole): LlmNotConfiguredError {
  return new LlmNotConfiguredError(`no LLM configured for ${role}`, { hint: configureHint(role), context: { role } });
}

export async function execute<T>(runtime: GatewayRuntime, plan: CallPlan<T>): Promise<Executed<T>> {
  const specs = runtime.settings.models[plan.role];
  if (specs.length === 0) throw notConfigured(plan.role);
  return withTrace(async (trace) => {
    const mode = plan.options.cache ?? runtime.settings.cache;
    const cacheable = plan.request !== null && mode !== 'off';
    const keys = specs.map((spec) => requestKey({ model: spec.id, kind: plan.kind, request: plan.request }));
    if (cacheable && mode === 'read-write') {
      for (const key of keys) {
        const hit = await runtime.cache.get(key);
        if (!hit) continue;
        account(runtime, plan.options, { model: hit.model, calls: 1, cacheHits: 1 });
        runtime.logger.debug('llm.cache.hit', { kind: plan.kind, model: hit.model });
        return { value: plan.deserialise(hit.text), model: hit.model, cached: true, usage: zeroUsage() };
      }
    }
    let lastError: Error | null = null;
    for (const [index, spec] of specs.entries()) {
      await checkBudgets(runtime, plan.options.job);
      const before = trace.networkCalls;
      const started = performance.now();
      try {
        const result = await plan.run(spec);
        const usage = usageOf(runtime, spec, result);
        account(runtime, plan.options, {
          model: spec.id,
          calls: 1,
          networkCalls: trace.networkCalls - before,
          ...usage,
        });
        if (cacheable) {
          await runtime.cache.set(keys[index], {
            text: plan.serialise(result.value),
            model: spec.id,
            promptTokens: usage.promptTokens,
            completionTokens: usage.completionTokens,
            createdAt: Date.now(),
          });
        }
        log(runtime, trace, { kind: plan.kind, model: spec.id, started, usage });
        return { value: result.value, model: spec.id, cached: false, usage };
      } catch (error) {
        if (plan.options.signal?.aborted) throw error;
        const typed = toTypedError(error, spec);
        const spent = LlmOutputError.isInstance(typed) ? usageOf(runtime, spec, spentTokens(typed)) : zeroUsage();
        account(runtime, plan.options, {
          model: spec.id,
          calls: 1,
          errors: 1,
          networkCalls: trace.networkCalls - before,
          ...spent,
        });
        lastError = typed;
        const next = specs[index + 1];
        if (!next || !canFallBack(typed)) throw typed;
        runtime.logger.info('llm.fallback', { from: spec.id, to: next.id, reason: typed.message });
      }
    }
    throw lastError!;
  });
}

function spentTokens(error: LlmOutputError): { promptTokens: number; completionTokens: number } {
  return {
    promptTokens: Number(error.context.promptTokens ?? 0),
    completionTokens: Number(error.context.completionTokens ?? 0),
  };
}

export function usageOf(
  runtime: GatewayRuntime,
  spec: ModelSpec,
  tokens: { promptTokens: number; completionTokens: number },
): TokenUsage {
  const costUsd = costOf(priceOf(spec, runtime.settings.prices), tokens);
  return { promptTokens: tokens.promptTokens, completionTokens: tokens.completionTokens, costUsd };
}

export function zeroUsage(): TokenUsage {
  return { promptTokens: 0, completionTokens: 0, costUsd: 0 };
}

/** Adds a call to the ledger, the job's budget and today's spending. */
export function account(
  runtime: GatewayRuntime,
  options: CallOptions,
  event: Parameters<UsageLedger['record']>[0],
): void {
  runtime.ledger.record({ ...event, job: options.job });
  if (options.job) runtime.jobs.get(options.job)?.add(event);
  if (event.costUsd) {
    const day = dayOf(Date.now());
    runtime.spentHere.set(day, (runtime.spentHere.get(day) ?? 0) + event.costUsd);
  }
}

/** Throws BudgetExceededError when the job's or the day's budget is spent. */
export async function checkBudgets(runtime: GatewayRuntime, job: string | undefined): Promise<void> {
  if (job) runtime.jobs.get(job)?.check();
  const limit = runtime.settings.dailyBudgetUsd;
  if (limit === null) return;
  const day = dayOf(Date.now());
  if (runtime.spentBefore?.day !== day) {
    const totals = await runtime.ledger.totals({ since: day });
    runtime.spentBefore = { day, costUsd: totals.byDay[day]?.costUsd ?? 0 };
    runtime.spentHere.delete(day);
  }
  const spent = runtime.spentBefore.costUsd + (runtime.spentHere.get(day) ?? 0);
  if (spent >= limit)
    throw new BudgetExceededError(`daily LLM budget spent: $${spent.toFixed(4)} of $${limit} on ${day} (UTC)`, {
      context: { day },
    });
}

function canFallBack(error: Error): boolean {
  return (
    LlmProviderError.isInstance(error) ||
    LlmTimeoutError.isInstance(error) ||
    LlmNotConfiguredError.isInstance(error) ||
    LlmOutputError.isInstance(error)
  );
}

/** The gateway's typed error for anything a provider call threw, naming the spec and never a key. */
export function toTypedError(error: unknown, spec: ModelSpec): Error {
  for (let current: unknown = error, depth = 0; current && depth < 8; depth++) {
    if (LmrecError.isInstance(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  const timeout = findCause(error, (item) => (item as Error)?.name === 'TimeoutError');
  if (timeout)
    return new LlmTimeoutError(`${spec.id}: timed out`, { cause: error, context: { provider: spec.provider } });
  const apiError = findCause(error, (item) => APICallError.isInstance(item)) as APICallError | null;
  if (apiError?.statusCode)
    return new LlmProviderError(`${spec.id}: HTTP ${apiError.statusCode}: ${firstLine(apiError.message)}`, {
      cause: error,
      status: apiError.statusCode,
      context: { provider: spec.provider },
    });
  const message = error instanceof Error ? error.message : String(error);
  const malformed = /json|parse|type validation|invalid/i.test(message) ? 'malformed response: ' : '';
  return new LlmProviderError(`${spec.id}: ${malformed}${firstLine(message)}`, {
    cause: error,
    context: { provider: spec.provider },
  });
}

function findCause(error: unknown, test: (item: unknown) => boolean): unknown {
  for (let current: unknown = error, depth = 0; current && depth < 8; depth++) {
    if (test(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0];
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

function log(
  runtime: GatewayRuntime,
  trace: CallTrace,
  entry: { kind: string; model: string; started: number; usage: TokenUsage },
): void {
  runtime.logger.info('llm.call', {
    kind: entry.kind,
    model: entry.model,
    ms: Math.round(performance.now() - entry.started),
    networkCalls: trace.networkCalls,
    promptTokens: entry.usage.promptTokens,
    completionTokens: entry.usage.completionTokens,
    costUsd: entry.usage.costUsd,
  });
}

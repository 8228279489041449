// The HTTP layer under every provider: a concurrency slot per provider, a timeout per request (until the headers,
// then between body chunks, so long streams live while they flow), and retries with exponential backoff on 429,
// 5xx and network errors, honouring Retry-After. Counts each request in the call's trace.

import { LlmProviderError, LlmTimeoutError } from '../errors.ts';
import type { Limiter } from './limiter.ts';
import type { LlmLogger } from './logger.ts';
import { traceStorage } from './trace.ts';

export interface ResilientFetchOptions {
  /** Provider id, for logs and error messages. */
  provider: string;
  /** Milliseconds to wait for the response headers, and then at most between two body chunks. */
  timeoutMs: number;
  /** Retries after a 429, a 5xx or a network error. */
  retries: number;
  /** Longest wait before a retry; a longer Retry-After ends the retries. */
  maxRetryDelayMs: number;
  limiter: Limiter;
  logger: LlmLogger;
  /** The fetch underneath (tests may pass their own); global fetch by default. */
  fetch?: typeof fetch;
  /** Called once per HTTP request sent, retries included. */
  onRequest?: () => void;
}

const retryableStatus = (status: number) => status === 429 || status === 408 || (status >= 500 && status !== 501);

export function createResilientFetch(options: ResilientFetchOptions): typeof fetch {
  const baseFetch = options.fetch ?? globalThis.fetch;
  const resilient = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = new URL(url).pathname;
    for (let attempt = 0; ; attempt++) {
      const release = await options.limiter.acquire(init.signal ?? undefined);
      const controller = new AbortController();
      const timeout = new TimeoutTimer(controller, options.timeoutMs);
      const onCallerAbort = () => controller.abort(init.signal?.reason);
      init.signal?.addEventListener('abort', onCallerAbort, { once: true });
      const detach = () => init.signal?.removeEventListener('abort', onCallerAbort);
      const started = performance.now();
      const trace = traceStorage.getStore();
      if (trace) trace.networkCalls++;
      options.onRequest?.();
      let response: Response;
      try {
        timeout.arm();
        response = await baseFetch(url, { ...init, signal: controller.signal });
        timeout.disarm();
      } catch (error) {
        timeout.disarm();
        release();
        detach();
        if (timeout.fired) throw timeoutError(options, path);
        if (init.signal?.aborted) throw error;
        options.logger.info('llm.http.error', { provider: options.provider, path, attempt, message: messageOf(error) });
        if (attempt < options.retries) {
          await sleep(backoff(attempt), init.signal ?? undefined);
          continue;
        }
        throw new LlmProviderError(`${options.provider}: cannot reach ${path}: ${messageOf(error)}`, {
          cause: error,
          context: { provider: options.provider },
        });
      }
      const ms = Math.round(performance.now() - started);
      options.logger.info('llm.http', { provider: options.provider, path, status: response.status, attempt, ms });
      if (retryableStatus(response.status) && attempt < options.retries) {
        const delay = retryDelay(response.headers) ?? backoff(attempt);
        if (delay <= options.maxRetryDelayMs) {
          await response.body?.cancel().catch(() => {});
          release();
          detach();
          options.logger.info('llm.http.retry', { provider: options.provider, path, status: response.status, delay });
          await sleep(delay, init.signal ?? undefined);
          continue;
        }
      }
      return guardBody(response, { timeout, release, detach, options, path });
    }
  };
  return resilient as typeof fetch;
}

/** A timer that aborts the request when it fires; re-armed for each body chunk. */
class TimeoutTimer {
  fired = false;
  #handle: NodeJS.Timeout | null = null;
  readonly #controller: AbortController;
  readonly #ms: number;

  constructor(controller: AbortController, ms: number) {
    this.#controller = controller;
    this.#ms = ms;
  }

  arm(): void {
    this.disarm();
    this.#handle = setTimeout(() => {
      this.fired = true;
      this.#controller.abort(new DOMException('timeout', 'TimeoutError'));
    }, this.#ms);
  }

  disarm(): void {
    if (this.#handle) clearTimeout(this.#handle);
    this.#handle = null;
  }
}

/** The response with a body that keeps the idle timeout and frees the concurrency slot when it ends. */
function guardBody(
  response: Response,
  guard: {
    timeout: TimeoutTimer;
    release: () => void;
    detach: () => void;
    options: ResilientFetchOptions;
    path: string;
  },
): Response {
  const finish = () => {
    guard.timeout.disarm();
    guard.release();
    guard.detach();
  };
  if (!response.body) {
    finish();
    return response;
  }
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      guard.timeout.arm();
      try {
        const { done, value } = await reader.read();
        guard.timeout.disarm();
        if (done) {
          finish();
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        finish();
        controller.error(guard.timeout.fired ? timeoutError(guard.options, guard.path) : error);
      }
    },
    async cancel(reason) {
      finish();
      await reader.cancel(reason).catch(() => {});
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

function timeoutError(options: ResilientFetchOptions, path: string): LlmTimeoutError {
  return new LlmTimeoutError(`${options.provider}: no answer from ${path} within ${options.timeoutMs} ms`, {
    context: { provider: options.provider, timeoutMs: options.timeoutMs },
  });
}

/** Milliseconds asked for by `retry-after-ms` or `Retry-After` (seconds or an HTTP date); null when absent. */
export function retryDelay(headers: Headers): number | null {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.has('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (value === null) return null;
  const seconds = Number(value);
  if (value.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/** 0.5 s, 1 s, 2 s, … with ±20% jitter so that parallel callers do not retry in lockstep. */
function backoff(attempt: number): number {
  return 500 * 2 ** attempt * (0.8 + Math.random() * 0.4);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const handle = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(handle);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function messageOf(error: unknown): string {
  const cause = (error as { cause?: { message?: string; code?: string } })?.cause;
  const base = error instanceof Error ? error.message : String(error);
  return cause?.code ? `${base} (${cause.code})` : cause?.message ? `${base} (${cause.message})` : base;
}

// The response cache: keyed by a hash of the model spec (provider, model, base URL), the kind of call and the
// normalised request, so an identical request returns the stored bytes even when the provider is not deterministic.

import { createHash } from 'node:crypto';
import type { KeyValuePort } from '../ports.ts';

export const responseCacheNamespace = 'llm-cache';

export interface CachedResponse {
  /** The output exactly as first returned (text, or serialised JSON for other kinds). */
  text: string;
  /** The spec that produced it. */
  model: string;
  promptTokens: number;
  completionTokens: number;
  createdAt: number;
}

/** The cache port: the gateway reads and writes whole responses by key. */
export interface ResponseCache {
  get(key: string): Promise<CachedResponse | null>;
  set(key: string, value: CachedResponse): Promise<void>;
}

export class KeyValueResponseCache implements ResponseCache {
  readonly #store: KeyValuePort;
  readonly #ttlMs: number | undefined;

  constructor(store: KeyValuePort, options: { ttlMs?: number } = {}) {
    this.#store = store;
    this.#ttlMs = options.ttlMs;
  }

  get(key: string): Promise<CachedResponse | null> {
    return this.#store.get<CachedResponse>(responseCacheNamespace, key);
  }

  set(key: string, value: CachedResponse): Promise<void> {
    return this.#store.set(responseCacheNamespace, key, value, { ttlMs: this.#ttlMs });
  }
}

/** The cache key of a request to one model: sha256 of the canonical JSON of its parts. */
export function requestKey(parts: { model: string; kind: string; request: unknown }): string {
  return createHash('sha256').update(canonicalJson(parts)).digest('hex');
}

/**
 * JSON with sorted keys, no undefined fields, and strings in Unicode NFC with their ends trimmed, so requests
 * that differ only in key order, a trailing newline or the composition of an accented letter share one entry.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC').trim();
  if (value instanceof Uint8Array) return createHash('sha256').update(value).digest('hex');
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = normalise(item);
    }
    return out;
  }
  return value;
}

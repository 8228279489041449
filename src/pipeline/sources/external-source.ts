// An external recommender over HTTP: POST {userId, n, history} to a URL, read {items: [{id, score}]}. Slow or broken
// services time out and the pipeline carries on without them.

import { InvalidInputError } from '../../core/errors.ts';
import type { RecallContext, RecalledItem, RecallSource } from '../types.ts';

export class ExternalSource implements RecallSource {
  readonly name: string;
  readonly reason = 'external';
  readonly weight: number;
  readonly quota: number;
  readonly #url: string;
  readonly #headers: Record<string, string>;
  readonly #timeoutMs: number;

  constructor(options: {
    name: string;
    url: string;
    headers: Record<string, string>;
    timeoutMs: number;
    weight: number;
    quota: number;
  }) {
    this.name = options.name;
    this.#url = options.url;
    this.#headers = options.headers;
    this.#timeoutMs = options.timeoutMs;
    this.weight = options.weight;
    this.quota = options.quota;
  }

  async recall(context: RecallContext, quota: number): Promise<RecalledItem[]> {
    const response = await fetch(this.#url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.#headers },
      body: JSON.stringify({
        userId: context.userId,
        n: quota,
        history: context.history.positives(50).map((event) => event.itemId),
      }),
      signal: AbortSignal.any([context.signal, AbortSignal.timeout(this.#timeoutMs)]),
    });
    if (!response.ok) throw new Error(`${this.#url} answered ${response.status}`);
    const body = (await response.json()) as { items?: unknown };
    if (!Array.isArray(body.items)) {
      throw new InvalidInputError(`${this.#url}: the answer has no "items" array`, { context: { field: 'items' } });
    }
    const out: RecalledItem[] = [];
    body.items.forEach((entry: { id?: unknown; score?: unknown }, index) => {
      if (typeof entry?.id !== 'string') {
        throw new InvalidInputError(`${this.#url}: items[${index}].id is not a string`, {
          context: { field: `items[${index}].id` },
        });
      }
      const id = entry.id;
      if (context.exclude.has(id) || (context.allowed && !context.allowed.has(id))) return;
      if (!context.catalog.has(id)) return;
      out.push({ id, score: typeof entry.score === 'number' ? entry.score : 1 / (1 + index) });
    });
    return out.slice(0, quota);
  }
}

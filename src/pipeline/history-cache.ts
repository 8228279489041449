// Users' recent histories, read from the store and kept briefly in process; a user's feedback (here or, through the
// broadcast, in another process) drops the entry, so the next request sees the new events.

import type { FeedbackClass, FeedbackType } from '../core/types.ts';
import type { Store } from '../store/store.ts';
import { UserHistory } from './user-history.ts';

export const hiddenNamespace = 'hidden-items';

export class HistoryCache {
  readonly #store: Store;
  readonly #limit: number;
  readonly #ttlMs: number;
  readonly #maxUsers: number;
  readonly #entries = new Map<string, { history: UserHistory; expires: number; generation: number }>();
  readonly #generations = new Map<string, number>();
  #types: FeedbackType[] | null = null;
  readonly #classes: ReadonlySet<FeedbackClass>;

  constructor(options: {
    store: Store;
    /** Events read per user. */
    limit: number;
    /** 0 disables the in-process cache (every request reads the store). */
    ttlMs: number;
    maxUsers: number;
    /** Feedback classes read (positive and negative; exposure too when exposures count as seen). */
    classes: readonly FeedbackClass[];
  }) {
    this.#classes = new Set(options.classes);
    this.#store = options.store;
    this.#limit = options.limit;
    this.#ttlMs = options.ttlMs;
    this.#maxUsers = options.maxUsers;
  }

  async types(): Promise<FeedbackType[]> {
    this.#types ??= await this.#store.feedback.types();
    return this.#types;
  }

  forgetTypes(): void {
    this.#types = null;
  }

  async get(userId: string): Promise<UserHistory> {
    const cached = this.#entries.get(userId);
    if (cached && cached.expires > Date.now()) return cached.history;
    const generation = this.#generations.get(userId) ?? 0;
    const types = await this.types();
    // Exposures (impressions, views) outnumber actions many times over; only the classes asked for are read, so
    // that the newest `limit` events are not all impressions.
    const wanted = types.filter((type) => this.#classes.has(type.class)).map((type) => type.name);
    const [events, hidden] = await Promise.all([
      this.#store.feedback.forUser(userId, { limit: this.#limit, types: wanted }),
      this.#store.kv.get<string[]>(hiddenNamespace, userId),
    ]);
    const history = UserHistory.fromFeedback(events, types, new Set(hidden ?? []));
    if (this.#ttlMs > 0 && (this.#generations.get(userId) ?? 0) === generation) {
      if (this.#entries.size >= this.#maxUsers) this.#entries.delete(this.#entries.keys().next().value!);
      this.#entries.set(userId, { history, expires: Date.now() + this.#ttlMs, generation });
    }
    return history;
  }

  invalidate(users: readonly string[]): void {
    for (const user of users) {
      this.#entries.delete(user);
      this.#generations.set(user, (this.#generations.get(user) ?? 0) + 1);
    }
    if (this.#generations.size > 1_000_000) this.#generations.clear();
  }
}

// API keys with roles. Only SHA-256 hashes are stored (in the store's key-value table, so every process sees them);
// the key itself is shown once, when it is made. Verified keys are remembered briefly so the hot path hashes nothing.

import { createHash, randomBytes } from 'node:crypto';
import { InvalidInputError } from '../../core/errors.ts';
import type { Store } from '../../store/store.ts';
import type { Principal, Role } from './principal.ts';

const namespace = 'api-keys';

export interface ApiKeyRecord {
  /** The first 12 hex digits of the hash: how the key is listed and revoked. */
  id: string;
  role: Exclude<Role, 'storefront'>;
  name: string;
  createdAt: number;
  /** Requests per window; null uses the role's default. */
  rateLimit: number | null;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export class ApiKeys {
  readonly #store: Store;
  readonly #defaultLimits: Record<Role, number>;
  readonly #verified = new Map<string, { principal: Principal | null; expires: number }>();

  constructor(options: {
    store: Store;
    /** Requests per window by role (0: unlimited). */
    defaultLimits: Record<Role, number>;
  }) {
    this.#store = options.store;
    this.#defaultLimits = options.defaultLimits;
  }

  /** Makes a key; the returned `key` is the only time it is seen. */
  async create(options: { role: ApiKeyRecord['role']; name: string; rateLimit?: number | null; key?: string }) {
    if (options.key !== undefined && options.key.length < 16) {
      throw new InvalidInputError('an API key must have at least 16 characters', { context: { field: 'key' } });
    }
    const key = options.key ?? `lmrec_${options.role}_${randomBytes(24).toString('base64url')}`;
    const hash = hashKey(key);
    const record: ApiKeyRecord = {
      id: hash.slice(0, 12),
      role: options.role,
      name: options.name,
      createdAt: Date.now(),
      rateLimit: options.rateLimit ?? null,
    };
    await this.#store.kv.set(namespace, hash, record);
    this.#verified.clear();
    return { key, record };
  }

  async list(): Promise<ApiKeyRecord[]> {
    return (await this.#store.kv.entries<ApiKeyRecord>(namespace)).map((entry) => entry.value);
  }

  /** Revokes by id; true when a key was removed. */
  async revoke(id: string): Promise<boolean> {
    const entries = await this.#store.kv.entries<ApiKeyRecord>(namespace, id);
    let removed = false;
    for (const entry of entries)
      if (entry.value.id === id) removed = (await this.#store.kv.delete(namespace, entry.key)) || removed;
    this.#verified.clear();
    return removed;
  }

  /** Forgets remembered verifications (after a revocation elsewhere). */
  forget(): void {
    this.#verified.clear();
  }

  /** A verification remembered from the last 10 s (undefined when the store must be asked): the sync hot path. */
  remembered(key: string): Principal | null | undefined {
    const remembered = this.#verified.get(key);
    return remembered && remembered.expires > Date.now() ? remembered.principal : undefined;
  }

  /** The principal of a presented key, or null. Remembered for 10 s (revocations reach other processes within that). */
  async verify(key: string): Promise<Principal | null> {
    const now = Date.now();
    const remembered = this.remembered(key);
    if (remembered !== undefined) return remembered;
    const record = await this.#store.kv.get<ApiKeyRecord>(namespace, hashKey(key));
    const principal: Principal | null = record
      ? { role: record.role, id: record.id, rateLimit: record.rateLimit ?? this.#defaultLimits[record.role] }
      : null;
    if (this.#verified.size > 10_000) this.#verified.clear();
    this.#verified.set(key, { principal, expires: now + 10_000 });
    return principal;
  }

  /**
   * The first admin key: LMREC_ADMIN_KEY when given (stored if new); else, when no admin key exists yet, a new one.
   * Returns the key to print once (null when an admin key already existed and none was given).
   */
  async bootstrap(adminKey: string | undefined): Promise<{ key: string; generated: boolean } | null> {
    if (adminKey) {
      if (!(await this.verify(adminKey))) await this.create({ role: 'admin', name: 'LMREC_ADMIN_KEY', key: adminKey });
      return { key: adminKey, generated: false };
    }
    if ((await this.list()).some((record) => record.role === 'admin')) return null;
    const { key } = await this.create({ role: 'admin', name: 'first admin key' });
    return { key, generated: true };
  }
}

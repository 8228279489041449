// Storefront sessions: a browser gets a short-lived signed token from POST /api/session without any key, standing for
// one visitor. It may read recommendations, search and the catalog and post feedback for its own visitor id, under a
// tight rate limit; it can never write the catalog or see other users. HMAC-SHA256 with a secret kept in the store,
// so every API process accepts every process's tokens.

import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Store } from '../../store/store.ts';
import type { Principal } from './principal.ts';

const prefix = 'sf1.';

export interface StorefrontSession {
  token: string;
  userId: string;
  expiresAt: number;
}

export class StorefrontSessions {
  readonly #secret: Buffer;
  readonly #ttlMs: number;
  readonly #rateLimit: number;
  readonly #verified = new Map<string, { principal: Principal; expires: number }>();

  private constructor(secret: Buffer, ttlMs: number, rateLimit: number) {
    this.#secret = secret;
    this.#ttlMs = ttlMs;
    this.#rateLimit = rateLimit;
  }

  static async open(options: { store: Store; ttlMs: number; rateLimit: number }): Promise<StorefrontSessions> {
    let secret = await options.store.kv.get<string>('settings', 'storefront-secret');
    if (!secret) {
      // Two processes racing here may both write; the loser's tokens fail once and the browser asks again.
      secret = randomBytes(32).toString('base64url');
      await options.store.kv.set('settings', 'storefront-secret', secret);
      secret = (await options.store.kv.get<string>('settings', 'storefront-secret')) ?? secret;
    }
    return new StorefrontSessions(Buffer.from(secret, 'base64url'), options.ttlMs, options.rateLimit);
  }

  issue(userId?: string): StorefrontSession {
    const payload = {
      sid: randomUUID(),
      sub: userId ?? `visitor-${randomBytes(6).toString('hex')}`,
      exp: Date.now() + this.#ttlMs,
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return { token: `${prefix}${body}.${this.#sign(body)}`, userId: payload.sub, expiresAt: payload.exp };
  }

  static looksLikeToken(credential: string): boolean {
    return credential.startsWith(prefix);
  }

  /** The session's principal, or null when the token is forged, malformed or expired. */
  verify(token: string): Principal | null {
    const known = this.#verified.get(token) ?? this.#check(token);
    if (!known) return null;
    if (known.expires <= Date.now()) {
      this.#verified.delete(token);
      return null;
    }
    return known.principal;
  }

  #check(token: string): { principal: Principal; expires: number } | null {
    const [body, signature] = token.slice(prefix.length).split('.');
    if (!body || !signature) return null;
    const expected = Buffer.from(this.#sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    let payload: { sid?: unknown; sub?: unknown; exp?: unknown };
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (typeof payload.sid !== 'string' || typeof payload.sub !== 'string' || typeof payload.exp !== 'number')
      return null;
    const entry = {
      principal: {
        role: 'storefront' as const,
        id: `session:${payload.sid}`,
        rateLimit: this.#rateLimit,
        subject: payload.sub,
      },
      expires: payload.exp,
    };
    if (this.#verified.size > 50_000) this.#verified.clear();
    this.#verified.set(token, entry);
    return entry;
  }

  #sign(body: string): string {
    return createHmac('sha256', this.#secret).update(body).digest('base64url');
  }
}

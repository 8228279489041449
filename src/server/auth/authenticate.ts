// The onRequest hook of every non-public route (registered per route with its access): Bearer credentials (an API key or a storefront token) → a principal,
// its role checked against the route's, then its rate limit counted. Remembered keys are checked synchronously.

import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { HttpError } from '../http-error.ts';
import type { ServerServices } from '../services.ts';
import { allows, type Principal, type RouteAccess } from './principal.ts';
import { StorefrontSessions } from './storefront-sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The hook for routes that need `access` (registered per route, so the hot path looks nothing up). */
export function authenticate(services: ServerServices, access: Exclude<RouteAccess, 'public'>) {
  const windowSeconds = services.config.serving.rateLimit.windowSeconds;
  const admit = (request: FastifyRequest, principal: Principal | null): void => {
    if (!principal) throw new HttpError(401, 'invalid or expired credentials');
    if (!allows(principal, access)) {
      throw new HttpError(403, `this route needs the ${access} role; these credentials have ${principal.role}`);
    }
    const wait = services.limiter.hit(principal.id, principal.rateLimit);
    if (wait > 0) {
      throw new HttpError(429, `rate limit of ${principal.rateLimit} requests per ${windowSeconds} s exceeded`, {
        headers: { 'retry-after': String(Math.ceil(wait / 1000)) },
      });
    }
    request.principal = principal;
  };
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    try {
      const header = request.headers.authorization;
      if (!header)
        throw new HttpError(401, 'missing credentials: send Authorization: Bearer <API key or storefront token>');
      if (!/^bearer /i.test(header)) throw new HttpError(401, 'the Authorization header must be "Bearer <key>"');
      const credential = header.slice(7).trim();
      if (StorefrontSessions.looksLikeToken(credential)) {
        admit(request, services.sessions?.verify(credential) ?? null);
        done();
        return;
      }
      const remembered = services.keys.remembered(credential);
      if (remembered !== undefined) {
        admit(request, remembered);
        done();
        return;
      }
      services.keys.verify(credential).then(
        (principal) => {
          try {
            admit(request, principal);
            done();
          } catch (error) {
            done(error as Error);
          }
        },
        (error) => done(error as Error),
      );
    } catch (error) {
      done(error as Error);
    }
  };
}

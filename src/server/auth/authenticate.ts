// The onRequest hook of every non-public route: Bearer credentials (an API key or a storefront token) → a principal,
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
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export function authenticate(services: ServerServices) {
  const windowSeconds = services.config.serving.rateLimit.windowSeconds;
  const admit = (request: FastifyRequest, principal: Principal | null, access: RouteAccess): void => {
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
    const access = request.routeOptions.config?.access ?? 'public';
    if (access === 'public') {
      done();
      return;
    }
    try {
      const header = request.headers.authorization;
      if (!header)
        throw new HttpError(401, 'missing credentials: send Authorization: Bearer <API key or storefront token>');
      if (!/^bearer /i.test(header)) throw new HttpError(401, 'the Authorization header must be "Bearer <key>"');
      const credential = header.slice(7).trim();
      if (StorefrontSessions.looksLikeToken(credential)) {
        admit(request, services.sessions?.verify(credential) ?? null, access);
        done();
        return;
      }
      const remembered = services.keys.remembered(credential);
      if (remembered !== undefined) {
        admit(request, remembered, access);
        done();
        return;
      }
      services.keys.verify(credential).then(
        (principal) => {
          try {
            admit(request, principal, access);
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

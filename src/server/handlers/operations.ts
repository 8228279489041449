// Handlers of operations: health, metrics, API keys, storefront sessions, the model (status, retrain), pinned items.

import type { z } from 'zod';
import { HttpError } from '../http-error.ts';
import type { HandlerInput } from '../route.ts';
import type { keyCreateSchema, pinnedSchema, sessionBodySchema, trainQuery } from '../schemas/operations.ts';

export function live() {
  return { status: 'ok' };
}

export async function ready({ services, reply }: HandlerInput) {
  if (!services.readiness.ready) {
    reply.code(503);
    return { status: 'starting' };
  }
  return { status: 'ready', modelVersion: services.engine.modelVersion, items: services.engine.catalog.size };
}

export function metrics({ services, reply }: HandlerInput) {
  reply.type('text/plain; version=0.0.4; charset=utf-8');
  return services.metrics.render();
}

export async function createKey({
  body,
  services,
  reply,
}: HandlerInput<unknown, unknown, z.output<typeof keyCreateSchema>>) {
  const { key, record } = await services.keys.create({ role: body.role, name: body.name, rateLimit: body.rateLimit });
  reply.code(201);
  return { ...record, key };
}

export async function listKeys({ services }: HandlerInput) {
  return { keys: await services.keys.list() };
}

export async function revokeKey({ params, services, reply }: HandlerInput<{ id: string }>) {
  if (!(await services.keys.revoke(params.id)))
    throw new HttpError(404, `no API key with id ${params.id}`, { field: 'id' });
  // Other processes forget their remembered verifications at once instead of within 10 s.
  await services.engine.shared.broadcast.publish('keys', { revoked: params.id });
  reply.code(204);
  return null;
}

/** Issues a storefront session to a browser (no key); limited per IP. */
export async function createSession({
  body,
  services,
  request,
  reply,
}: HandlerInput<unknown, unknown, z.output<typeof sessionBodySchema>>) {
  if (!services.sessions) throw new HttpError(404, 'storefront sessions are switched off (serving.storefront.enabled)');
  const wait = services.limiter.hit(`ip:${request.ip}`, services.config.serving.rateLimit.anonymous);
  if (wait > 0) {
    throw new HttpError(429, 'too many sessions from this address; try again later', {
      headers: { 'retry-after': String(Math.ceil(wait / 1000)) },
    });
  }
  if (body?.userId && !services.config.serving.storefront.actAsAnyUser) {
    throw new HttpError(403, 'this server does not let storefront sessions choose their user', { field: 'userId' });
  }
  reply.code(201);
  return services.sessions.issue(body?.userId);
}

export function model({ services }: HandlerInput) {
  const bundle = services.engine.bundle;
  return {
    version: bundle?.version ?? null,
    trainedAt: bundle?.trainedAt ?? null,
    ageSeconds: bundle ? Math.round((Date.now() - bundle.trainedAt) / 1000) : null,
    models: bundle ? [...bundle.models.keys()] : [],
    users: bundle?.users.size ?? 0,
    items: bundle?.items.size ?? 0,
    training: services.engine.trainer.running,
  };
}

export async function train(input: HandlerInput<unknown, z.output<typeof trainQuery>>) {
  const { services, query, reply } = input;
  const run = services.engine.trainer.trigger('manual');
  if (query.wait === 'true' || query.wait === '1') {
    if (!(await run)) throw new HttpError(409, 'a training is already running');
    return model(input);
  }
  run.catch(() => {});
  reply.code(202);
  return model(input);
}

export function getPinned({ services }: HandlerInput) {
  return { items: [...services.engine.pinned] };
}

export async function putPinned({ body, services }: HandlerInput<unknown, unknown, z.output<typeof pinnedSchema>>) {
  await services.engine.setPinned(body.items);
  return { items: body.items };
}

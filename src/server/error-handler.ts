// Maps every failure to a JSON error: 400s name the failing field (from zod, or a typed InvalidInputError), typed
// NotFoundErrors are 404s, body limits are 413s, and anything unexpected is a logged 500 that leaks no internals.

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { InvalidInputError, LmrecError, NotFoundError } from '../core/errors.ts';
import { HttpError } from './http-error.ts';

const reasons: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function errorBody(statusCode: number, message: string, field?: string) {
  return { statusCode, error: reasons[statusCode] ?? 'Error', message, ...(field ? { field } : {}) };
}

interface ZodIssueLike {
  code?: string;
  path: PropertyKey[];
  message: string;
  errors?: ZodIssueLike[][];
}

/**
 * For a union, the issue of the alternative that got furthest (the longest path): `{id, price: "x"}` against
 * "an item or {items}" names `price`, not the whole body.
 */
function deepestIssue(issue: ZodIssueLike): { path: Array<string | number>; message: string } {
  const base = issue.path.map((part) => (typeof part === 'number' ? part : String(part)));
  if (issue.code !== 'invalid_union' || !issue.errors?.length) return { path: base, message: issue.message };
  let best: { path: Array<string | number>; message: string } | null = null;
  for (const branch of issue.errors) {
    if (!branch[0]) continue;
    const candidate = deepestIssue(branch[0]);
    if (!best || candidate.path.length > best.path.length) best = candidate;
  }
  return best && best.path.length > 0
    ? { path: [...base, ...best.path], message: best.message }
    : { path: base, message: issue.message };
}

/** `/events/3/type` → `events[3].type`. */
export function fieldPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number' || /^\d+$/.test(String(part))) return `${out}[${part}]`;
    return out ? `${out}.${part}` : String(part);
  }, '');
}

export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    // The zod issue, rebuilt from the validation entry (its params carry the union alternatives).
    const { path, message: detail } = deepestIssue({
      code: first.keyword,
      path: first.instancePath.split('/').filter(Boolean),
      message: first.message ?? 'invalid',
      errors: (first.params as { errors?: ZodIssueLike[][] } | undefined)?.errors,
    });
    const field = fieldPath(path);
    const where = (error as { validationContext?: string }).validationContext ?? 'request';
    const message = `${where}${field ? `.${field}` : ''}: ${detail}`;
    reply.code(400).send(errorBody(400, message, field || where));
    return;
  }
  if (error instanceof HttpError) {
    reply
      .headers(error.headers)
      .code(error.statusCode)
      .send(errorBody(error.statusCode, error.message, error.field));
    return;
  }
  if (InvalidInputError.isInstance(error)) {
    reply.code(400).send(errorBody(400, error.message, error.context.field));
    return;
  }
  if (NotFoundError.isInstance(error)) {
    reply.code(404).send(errorBody(404, error.message, error.context.field));
    return;
  }
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    reply.code(status).send(errorBody(status, error.message));
    return;
  }
  request.log.error({ err: error }, 'request failed');
  const message = LmrecError.isInstance(error) ? error.message : 'internal error; see the server log';
  reply.code(500).send(errorBody(500, message));
}

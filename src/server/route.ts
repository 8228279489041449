// A route's definition: method, path, who may call it, its zod schemas (validation and OpenAPI), and a handler that
// receives the parsed input. The route table (routes.ts) lists them; handlers live in handlers/.

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Principal, RouteAccess } from './auth/principal.ts';
import type { ServerServices } from './services.ts';

export interface RouteSchemas {
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  response?: Record<number, z.ZodType>;
}

type Output<T> = T extends z.ZodType ? z.output<T> : undefined;

/** What a handler receives: the parsed params, query and body, the caller, and the services. */
export interface HandlerInput<Params = unknown, Query = unknown, Body = unknown> {
  params: Params;
  query: Query;
  body: Body;
  principal: Principal | null;
  request: FastifyRequest;
  reply: FastifyReply;
  services: ServerServices;
}

export type RouteInput<S extends RouteSchemas> = HandlerInput<
  Output<S['params']>,
  Output<S['querystring']>,
  Output<S['body']>
>;

export interface RouteDefinition<S extends RouteSchemas = RouteSchemas> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  access: RouteAccess;
  summary: string;
  tags: string[];
  schemas: S;
  /** Request body limit in bytes (default: the server's). */
  bodyLimit?: number;
  /** Returns the response body: an object, a pre-serialised JSON string, or a stream. */
  handler: (input: RouteInput<S>) => Promise<unknown> | unknown;
}

/** Typed route definition (infers the handler's input from the schemas). */
export function route<S extends RouteSchemas>(definition: RouteDefinition<S>): RouteDefinition {
  return definition as unknown as RouteDefinition;
}

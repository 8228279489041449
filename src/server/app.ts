// The Fastify application: plugins (CORS, OpenAPI at /docs), zod validation, the auth hook, metrics, errors, and
// the routes of the route table. Building it starts nothing; `serve.ts` listens and shuts down.

import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import { authenticate } from './auth/authenticate.ts';
import { errorBody, handleError } from './error-handler.ts';
import { experimentsHeader } from './experiment-serving.ts';
import { routeTable } from './routes.ts';
import type { ServerServices } from './services.ts';
import { registerWebUi } from './web-ui.ts';

export async function buildApp(
  services: ServerServices,
  options: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<FastifyInstance> {
  const serving = services.config.serving;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: serving.bodyLimitBytes,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  app.setValidatorCompiler(validatorCompiler);
  // Handlers return typed values (or pre-serialised JSON); response schemas document the API.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.decorateRequest('principal', null);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    services.metrics.observe({
      method: request.method,
      route: 'unmatched',
      status: 404,
      seconds: reply.elapsedTime / 1000,
    });
    reply.code(404).send(errorBody(404, `no route ${request.method} ${request.url.split('?')[0]}`));
  });
  await app.register(cors, {
    origin: serving.corsOrigins.includes('*') ? '*' : serving.corsOrigins,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type'],
    exposedHeaders: ['x-lmrec-model-version', 'x-lmrec-cache', experimentsHeader, 'retry-after'],
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'lmrec',
        description:
          'Recommendations with reasons, feedback, catalog and search. Send `Authorization: Bearer <key>` (an API key, or a storefront token from POST /api/session).',
        version: process.env.npm_package_version ?? '0.1.0',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.addContentTypeParser(
    ['application/x-ndjson', 'application/jsonl', 'text/plain'],
    { parseAs: 'string', bodyLimit: serving.importLimitBytes },
    (_request, body, done) => done(null, body),
  );
  for (const definition of routeTable({ importLimitBytes: serving.importLimitBytes })) {
    // Auth and metrics hooks are made per route: each knows its access and pattern without a lookup per request.
    const observe = services.metrics.observer(definition.method, definition.url);
    const servesList = listRoutes.has(definition.url);
    // The monitored serving traffic: what shoppers and client apps call (not health probes, metrics or admin work).
    const monitored = definition.access === 'storefront' || definition.access === 'client';
    app.route({
      method: definition.method,
      url: definition.url,
      bodyLimit: definition.bodyLimit,
      onRequest: definition.access === 'public' ? undefined : authenticate(services, definition.access),
      onResponse: (_request, reply, done) => {
        observe(reply.statusCode, reply.elapsedTime / 1000);
        if (monitored) services.recorder.recordRequest({ status: reply.statusCode, latencyMs: reply.elapsedTime });
        if (servesList && reply.statusCode === 200) services.recorder.recordServed();
        done();
      },
      schema: {
        ...definition.schemas,
        summary: definition.summary,
        tags: definition.tags,
        ...(definition.access === 'public' ? {} : { security: [{ bearer: [] }] }),
      },
      handler: (request, reply) =>
        definition.handler({
          params: request.params,
          query: request.query,
          body: request.body,
          principal: request.principal,
          request,
          reply,
          services,
        }),
    });
  }
  registerWebUi(app);
  return app;
}

/** Routes that serve a recommendation list (counted as lists served by the monitoring recorder). */
const listRoutes = new Set(['/api/recommend/:userId', '/api/session/recommend']);

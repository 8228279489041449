// The web UI's routes (registered in routes.ts): the storefront's public settings, and what the admin dashboard
// reads that no other route gives: the store overview, the last offline evaluation, monitoring series, LLM usage,
// and the experiments with their reports.

import { z } from 'zod';
import * as dashboard from './handlers/dashboard.ts';
import * as experiments from './handlers/experiments.ts';
import { type RouteDefinition, route } from './route.ts';
import { errorResponses, idParams } from './schemas/common.ts';
import {
  evaluationSchema,
  experimentListSchema,
  monitoringQuery,
  monitoringSchema,
  overviewSchema,
  storefrontSettingsSchema,
  usageQuery,
  usageSchema,
} from './schemas/dashboard.ts';

export function dashboardRoutes(): RouteDefinition[] {
  return [
    route({
      method: 'GET',
      url: '/api/storefront',
      access: 'public',
      summary: "The storefront's settings: may it act as any user (the demo), which users, is the assistant served",
      tags: ['operations'],
      schemas: { response: { 200: storefrontSettingsSchema } },
      handler: dashboard.storefrontSettings,
    }),
    route({
      method: 'GET',
      url: '/api/admin/overview',
      access: 'admin',
      summary: 'Store counts, sparsity, cold users and items, the long-tail curve, the catalog and the model',
      tags: ['dashboard'],
      schemas: { response: { 200: overviewSchema, ...errorResponses } },
      handler: dashboard.overview,
    }),
    route({
      method: 'GET',
      url: '/api/admin/evaluation',
      access: 'admin',
      summary: 'The last offline evaluation of this store (lmrec eval): the leaderboard',
      tags: ['dashboard'],
      schemas: { response: { 200: evaluationSchema, ...errorResponses } },
      handler: dashboard.evaluation,
    }),
    route({
      method: 'GET',
      url: '/api/admin/monitoring',
      access: 'admin',
      summary: 'Monitored series over a window (business, diversity, data, model, LLM), alerts, live serving series',
      tags: ['dashboard'],
      schemas: { querystring: monitoringQuery, response: { 200: monitoringSchema, ...errorResponses } },
      handler: dashboard.monitoring,
    }),
    route({
      method: 'GET',
      url: '/api/admin/llm-usage',
      access: 'admin',
      summary: 'LLM calls, tokens, cost and cache hits, per model and per day',
      tags: ['dashboard'],
      schemas: { querystring: usageQuery, response: { 200: usageSchema, ...errorResponses } },
      handler: dashboard.llmUsage,
    }),
    route({
      method: 'GET',
      url: '/api/experiments',
      access: 'admin',
      summary: 'Experiments, newest first',
      tags: ['experiments'],
      schemas: { response: { 200: experimentListSchema, ...errorResponses } },
      handler: dashboard.experiments,
    }),
    route({
      method: 'POST',
      url: '/api/experiments',
      access: 'admin',
      summary:
        'Creates an experiment (draft): variants with configs (`pipeline`: a partial serving.pipeline applied to its users), layer, traffic, metrics',
      tags: ['experiments'],
      schemas: { body: z.record(z.string(), z.unknown()), response: errorResponses },
      handler: experiments.createExperiment,
    }),
    route({
      method: 'POST',
      url: '/api/experiments/:id/start',
      access: 'admin',
      summary: 'Starts assigning users (draft → running); every API process serves the variants within seconds',
      tags: ['experiments'],
      schemas: { params: idParams, response: errorResponses },
      handler: experiments.startExperiment,
    }),
    route({
      method: 'POST',
      url: '/api/experiments/:id/stop',
      access: 'admin',
      summary: 'Stops assigning users (running → stopped); the report keeps the data up to now',
      tags: ['experiments'],
      schemas: { params: idParams, response: errorResponses },
      handler: experiments.stopExperiment,
    }),
    route({
      method: 'GET',
      url: '/api/experiments/:id/report',
      access: 'admin',
      summary: "An experiment's report: effects with confidence intervals, the SRM check, guardrails, the verdict",
      tags: ['experiments'],
      schemas: { params: idParams, response: errorResponses },
      handler: dashboard.experimentReport,
    }),
  ];
}

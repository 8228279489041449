// Handlers of recommendations: per user (cached), for an anonymous session, similar items, complements, popular,
// trending, latest, hybrid search, and the pipeline inspector.

import type { z } from 'zod';
import { ConfigError } from '../../core/errors.ts';
import type { Assignment } from '../../eval/experiments/assignment.ts';
import type { RecommendQuery } from '../../pipeline/engine.ts';
import { hybridSearch } from '../../pipeline/hybrid-search.ts';
import type { ListedItem } from '../../pipeline/item-lists.ts';
import type { CachedList } from '../../pipeline/response-cache.ts';
import { mayActAs } from '../auth/acting.ts';
import { experimentsHeader } from '../experiment-serving.ts';
import { HttpError } from '../http-error.ts';
import type { HandlerInput } from '../route.ts';
import type { listQuery, recommendQuery, searchQuery, sessionRecommendBody } from '../schemas/recommend.ts';

const versionHeader = 'x-lmrec-model-version';

function stampVersion(input: HandlerInput<unknown, unknown, unknown>): void {
  input.reply.header(versionHeader, String(input.services.engine.modelVersion ?? 0));
}

/**
 * Per-user recommendations. A list cached in this process is answered synchronously (the hot path: no promise per
 * request); otherwise the engine reads the shared cache or runs the pipeline.
 */
export function recommend(input: HandlerInput<{ userId: string }, z.output<typeof recommendQuery>>) {
  const { params, query, principal, services } = input;
  if (!mayActAs(principal, params.userId, services)) {
    throw new HttpError(403, 'this session may only read its own recommendations', { field: 'userId' });
  }
  if (query.debug && principal?.role !== 'admin') {
    throw new HttpError(403, 'debug (the pipeline inspector) needs an admin key', { field: 'debug' });
  }
  stampVersion(input);
  const request = recommendRequest(params.userId, query);
  // The user's variants in the running experiments: a hash per experiment, no I/O (none running: nothing to do).
  const assignments = services.experiments.assignNow(params.userId);
  const served = services.variants.of(assignments);
  if (served) request.experiments = served.experiments;
  if (query.debug) return services.engine.run(request, served?.variant);
  const hit = services.engine.cachedBody(request, served?.variant);
  if (hit) return respond(input, hit, true, assignments);
  return recommendUncached(input, request, assignments);
}

async function recommendUncached(
  input: HandlerInput<{ userId: string }, z.output<typeof recommendQuery>>,
  request: RecommendQuery,
  assignments: Assignment[],
) {
  const { engine } = input.services;
  const served = input.services.variants.of(assignments);
  try {
    const result = await engine.recommendBody(request, served?.variant);
    return respond(input, result, result.cached, assignments);
  } catch (error) {
    if (!served || !ConfigError.isInstance(error)) throw error;
    // A variant whose overrides do not validate (checked at creation; this is a config changed since) is not
    // served: the user gets the default list and no exposure of the variant is logged.
    request.experiments = undefined;
    const result = await engine.recommendBody(request);
    return respond(input, result, result.cached, []);
  }
}

/** Headers, the exposure log (experiment traffic, or every list with serving.logExposures), the body. */
function respond(
  input: HandlerInput<{ userId: string }, z.output<typeof recommendQuery>>,
  result: { body: string; bytes?: Buffer; exposure: CachedList['exposure'] },
  cached: boolean,
  assignments: Assignment[],
) {
  const { services, reply, params, query } = input;
  if (assignments.length) reply.header(experimentsHeader, services.variants.of(assignments)!.variant.key);
  if (assignments.length || services.config.serving.logExposures) {
    services.exposures.record(params.userId, result.exposure, {
      assignments,
      latencyMs: reply.elapsedTime,
      offset: query.offset,
    });
  }
  reply.header('x-lmrec-cache', cached ? 'hit' : 'miss').type('application/json; charset=utf-8');
  return result.bytes ?? result.body;
}

export async function sessionRecommend(input: HandlerInput<unknown, unknown, z.output<typeof sessionRecommendBody>>) {
  const { body, services, reply } = input;
  stampVersion(input);
  const { body: json } = await services.engine.recommendBody({
    userId: null,
    sessionItems: body.items.map((entry) => (typeof entry === 'string' ? { itemId: entry } : entry)),
    n: body.n,
    categories: body.category,
    exclude: body.exclude,
    lang: body.lang,
    details: body.details,
  });
  reply.type('application/json; charset=utf-8');
  return json;
}

type ListInput = HandlerInput<unknown, z.output<typeof listQuery>>;
type ItemListInput = HandlerInput<{ id: string }, z.output<typeof listQuery>>;

function listResponse(input: ListInput, items: ListedItem[]) {
  const { services, query } = input;
  return {
    items: query.details ? items.map((item) => ({ ...item, item: services.engine.catalog.get(item.id)?.item })) : items,
    modelVersion: services.engine.modelVersion,
  };
}

function listQueryOf(query: z.output<typeof listQuery>) {
  return { n: query.n, lang: query.lang, categories: query.category, exclude: query.exclude };
}

export async function similar(input: ItemListInput) {
  stampVersion(input);
  return listResponse(input, await input.services.engine.similar(input.params.id, listQueryOf(input.query)));
}

export async function complements(input: ItemListInput) {
  stampVersion(input);
  return listResponse(input, await input.services.engine.complements(input.params.id, listQueryOf(input.query)));
}

export async function popular(input: ListInput) {
  stampVersion(input);
  return listResponse(input, await input.services.engine.popular(listQueryOf(input.query)));
}

export async function trending(input: ListInput) {
  stampVersion(input);
  return listResponse(input, await input.services.engine.trending(listQueryOf(input.query)));
}

export async function latest(input: ListInput) {
  stampVersion(input);
  return listResponse(input, await input.services.engine.latest(listQueryOf(input.query)));
}

export async function search({ query, services }: HandlerInput<unknown, z.output<typeof searchQuery>>) {
  return hybridSearch({
    store: services.store,
    catalog: services.engine.catalog,
    embedder: services.embedder,
    vectorNamespace: services.config.serving.pipeline.rerank.diversity.vectorNamespace,
    request: {
      q: query.q,
      category: query.category,
      minPrice: query.minPrice,
      maxPrice: query.maxPrice,
      n: query.n,
      availableOnly: query.available,
    },
  });
}

/** The pipeline inspector: every stage's items for one user (admin); `details` adds each traced item's title. */
export async function inspect(input: HandlerInput<{ userId: string }, z.output<typeof recommendQuery>>) {
  stampVersion(input);
  const { catalog } = input.services.engine;
  const result = await input.services.engine.run({
    ...recommendRequest(input.params.userId, input.query),
    trace: true,
  });
  if (!input.query.details) return result;
  const items: Record<string, { title: string; category: string | null; price: number | null }> = {};
  for (const stage of result.trace ?? []) {
    for (const entry of [...stage.items, ...(stage.sources ?? []).flatMap((source) => source.items)]) {
      const found = items[entry.id] ? undefined : catalog.get(entry.id);
      if (found)
        items[entry.id] = { title: found.item.title, category: found.leafCategory, price: found.item.price ?? null };
    }
  }
  return { ...result, catalog: items };
}

function recommendRequest(userId: string, query: z.output<typeof recommendQuery>): RecommendQuery {
  return {
    userId,
    n: query.n,
    offset: query.offset,
    categories: query.category,
    excludeCategories: query.excludeCategory,
    exclude: query.exclude,
    lang: query.lang,
    explain: query.explain,
    details: query.details,
    trace: query.debug,
  };
}

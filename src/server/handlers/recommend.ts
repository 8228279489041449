// Handlers of recommendations: per user (cached), for an anonymous session, similar items, complements, popular,
// trending, latest, hybrid search, and the pipeline inspector.

import type { z } from 'zod';
import type { RecommendQuery } from '../../pipeline/engine.ts';
import { hybridSearch } from '../../pipeline/hybrid-search.ts';
import type { ListedItem } from '../../pipeline/item-lists.ts';
import { mayActAs } from '../auth/acting.ts';
import { HttpError } from '../http-error.ts';
import type { HandlerInput } from '../route.ts';
import type { listQuery, recommendQuery, searchQuery, sessionRecommendBody } from '../schemas/recommend.ts';

const versionHeader = 'x-lmrec-model-version';

function stampVersion(input: HandlerInput<unknown, unknown, unknown>): void {
  input.reply.header(versionHeader, String(input.services.engine.modelVersion ?? 0));
}

export async function recommend(input: HandlerInput<{ userId: string }, z.output<typeof recommendQuery>>) {
  const { params, query, principal, services, reply } = input;
  if (!mayActAs(principal, params.userId, services)) {
    throw new HttpError(403, 'this session may only read its own recommendations', { field: 'userId' });
  }
  if (query.debug && principal?.role !== 'admin') {
    throw new HttpError(403, 'debug (the pipeline inspector) needs an admin key', { field: 'debug' });
  }
  stampVersion(input);
  const request = recommendRequest(params.userId, query);
  if (query.debug) return services.engine.run(request);
  const { body, bytes, cached, exposure } = await services.engine.recommendBody(request);
  services.exposures?.record(params.userId, exposure);
  reply.header('x-lmrec-cache', cached ? 'hit' : 'miss').type('application/json; charset=utf-8');
  return bytes ?? body;
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

/** The pipeline inspector: every stage's items for one user (admin). */
export async function inspect(input: HandlerInput<{ userId: string }, z.output<typeof recommendQuery>>) {
  stampVersion(input);
  return input.services.engine.run({ ...recommendRequest(input.params.userId, input.query), trace: true });
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

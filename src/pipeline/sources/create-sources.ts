// Builds the recall sources of a pipeline config, by kind, and lists the models they need trained. Names are checked
// against the registry here, so a typo fails at startup with the config field named.

import type { PipelineConfig, RecallSourceConfig } from '../../core/config/serving.ts';
import { ConfigError } from '../../core/errors.ts';
import type { Store } from '../../store/store.ts';
import { type ModelRegistry, modelKey } from '../model-bundle.ts';
import type { RecallSource } from '../types.ts';
import { ExternalSource } from './external-source.ts';
import { ModelSource } from './model-source.ts';
import { Q2iSource } from './q2i-source.ts';
import { SimilarItemsSource } from './similar-items-source.ts';
import { SocialSource } from './social-source.ts';
import { VectorContentSource } from './vector-content-source.ts';

/** A model the pipeline trains: its bundle key, registry name and parameters. */
export interface ModelRequirement {
  key: string;
  model: string;
  params: Record<string, string | number | boolean>;
  /** Sources that call `similarItems` on it. */
  needsSimilarItems: boolean;
  /** The config field that asked for it, for errors. */
  field: string;
}

/** The fallback kinds and the model each one uses by default. */
export const fallbackModels = { trending: 'trending', popular: 'popularity', latest: 'latest' } as const;

export interface BuiltSources {
  sources: RecallSource[];
  /** Models to train (recall sources first, then fallback models the registry has). */
  models: ModelRequirement[];
  /** Fallback kind → model key in the bundle (kinds whose model the registry lacks use the catalog). */
  fallback: Map<string, string>;
}

export function createSources(options: {
  config: PipelineConfig;
  registry: ModelRegistry;
  store: Store;
}): BuiltSources {
  const { config, registry, store } = options;
  const models = new Map<string, ModelRequirement>();
  const names = new Set<string>();
  const need = (model: string, params: ModelRequirement['params'], field: string, similar: boolean): string => {
    if (!registry.has(model)) {
      throw new ConfigError(
        `${field}: unknown model "${model}" (known: ${[...registry.keys()].join(', ') || 'none'})`,
        { context: { field } },
      );
    }
    const key = modelKey(model, params);
    const existing = models.get(key);
    if (existing) existing.needsSimilarItems ||= similar;
    else models.set(key, { key, model, params, needsSimilarItems: similar, field });
    return key;
  };
  const sources = config.recall.map((source, index) => {
    const field = `serving.pipeline.recall[${index}]`;
    const name = source.name ?? defaultName(source);
    if (names.has(name)) {
      throw new ConfigError(`${field}.name: two recall sources are called "${name}"; give one a "name"`, {
        context: { field: `${field}.name` },
      });
    }
    names.add(name);
    return createSource({ source, name, field, store, need });
  });
  const fallback = new Map<string, string>();
  for (const kind of config.fallback) {
    const configured = config.recall.find((source) => source.source === kind) as { model?: string } | undefined;
    const model = configured?.model ?? fallbackModels[kind];
    if (registry.has(model)) fallback.set(kind, need(model, {}, `serving.pipeline.fallback`, false));
  }
  return { sources, models: [...models.values()], fallback };
}

function defaultName(source: RecallSourceConfig): string {
  return source.source === 'model' ? source.model : source.source;
}

function createSource(options: {
  source: RecallSourceConfig;
  name: string;
  field: string;
  store: Store;
  need: (model: string, params: ModelRequirement['params'], field: string, similar: boolean) => string;
}): RecallSource {
  const { source, name, field, store, need } = options;
  const base = { name, weight: source.weight, quota: source.quota };
  switch (source.source) {
    case 'model':
      return new ModelSource({
        ...base,
        model: source.model,
        key: need(source.model, source.params, `${field}.model`, false),
      });
    case 'popular':
    case 'trending':
    case 'latest':
      return new ModelSource({
        ...base,
        model: source.model,
        reason: source.source === 'latest' ? 'new' : source.source,
        key: need(source.model, {}, `${field}.model`, false),
      });
    case 'item-to-item':
    case 'co-purchase':
      return new SimilarItemsSource({
        ...base,
        key: need(source.model, {}, `${field}.model`, true),
        reason: source.source === 'co-purchase' ? 'bought-together' : 'because',
        recentItems: source.recentItems,
        types: source.source === 'co-purchase' ? source.types : undefined,
      });
    case 'content':
      if (source.model === null) {
        return new VectorContentSource({
          ...base,
          store,
          namespace: source.vectorNamespace,
          recentItems: source.recentItems,
        });
      }
      return new SimilarItemsSource({
        ...base,
        key: need(source.model, {}, `${field}.model`, true),
        reason: 'similar',
        recentItems: source.recentItems,
      });
    case 'user-to-user':
      return new SocialSource({
        ...base,
        store,
        neighbours: source.neighbours,
        itemsPerNeighbour: source.itemsPerNeighbour,
      });
    case 'external':
      return new ExternalSource({ ...base, url: source.url, headers: source.headers, timeoutMs: source.timeoutMs });
    case 'q2i':
      return new Q2iSource({
        ...base,
        store,
        namespace: source.namespace,
        fallback: source.fallback,
        queries: source.queries,
        perQuery: source.perQuery,
      });
  }
}

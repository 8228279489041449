// Trains the models a pipeline needs on the store's feedback and stores them as one versioned bundle blob.
// Side information (categories, creation times, item embeddings) comes from the catalog and the store's vectors.

import { ConfigError } from '../core/errors.ts';
import { type Progress, silentProgress } from '../core/progress.ts';
import { datasetFromStore } from '../data/dataset-from-store.ts';
import type { Model, SideInformation } from '../models/recommender.ts';
import type { Store } from '../store/store.ts';
import { decodeBundle, encodeBundle } from './bundle-codec.ts';
import type { Catalog } from './catalog.ts';
import { bundleBlobName, ModelBundle, type ModelRegistry } from './model-bundle.ts';
import type { RecommendationPipeline } from './pipeline.ts';

export interface TrainOptions {
  store: Store;
  pipeline: RecommendationPipeline;
  registry: ModelRegistry;
  catalog: Catalog;
  progress?: Progress;
  seed?: number;
  signal?: AbortSignal;
  /** Worker threads per model fit (default: the models' own default). */
  workers?: number;
}

/** Fits every model of the pipeline; the result has version 0 until `saveBundle` stores it. */
export async function trainBundle(options: TrainOptions): Promise<ModelBundle> {
  const { store, pipeline, registry, catalog } = options;
  const progress = options.progress ?? silentProgress;
  progress.start('reading feedback');
  const { dataset, negatives } = await datasetFromStore(store);
  progress.done(
    `${dataset.interactionCount.toLocaleString('en-US')} interactions, ${dataset.userCount} users, ${dataset.itemCount} items`,
  );
  const side = await sideInformation(store, catalog, dataset.items.ids(), pipeline);
  const models = new Map<string, Model>();
  for (const requirement of pipeline.models) {
    options.signal?.throwIfAborted();
    const recommender = registry.get(requirement.model)!;
    progress.note(`training ${requirement.key}`);
    const model = await recommender.fit(dataset, requirement.params, {
      seed: options.seed ?? 42,
      progress,
      side,
      signal: options.signal,
      workers: options.workers,
    });
    if (requirement.needsSimilarItems && typeof model.similarItems !== 'function') {
      throw new ConfigError(
        `${requirement.field}: model "${requirement.model}" cannot find similar items, which this source needs`,
        { context: { field: requirement.field } },
      );
    }
    models.set(requirement.key, model);
  }
  const itemPositives = new Float32Array(dataset.itemCount);
  const itemExposures = new Float32Array(dataset.itemCount);
  for (const item of dataset.byUser.indices) itemPositives[item]++;
  for (const item of negatives.byUser.indices) itemExposures[item]++;
  let newest = 0;
  for (const time of dataset.byUser.times) if (time > newest) newest = time;
  for (const time of negatives.byUser.times) if (time > newest) newest = time;
  const types = await store.feedback.types();
  const { indptr } = dataset.byUser;
  const activity = Array.from({ length: dataset.userCount }, (_, user) => user)
    .filter((user) => indptr[user + 1] > indptr[user])
    .sort((a, b) => indptr[b + 1] - indptr[b] - (indptr[a + 1] - indptr[a]) || a - b)
    .slice(0, 100_000);
  return new ModelBundle({
    version: 0,
    trainedAt: Date.now(),
    // Times are whole seconds in the dataset; the cutoff is the end of the newest second.
    cutoff: newest * 1000 + 999,
    users: dataset.users,
    items: dataset.items,
    models,
    itemPositives,
    itemExposures,
    typeWeights: new Map(types.map((type) => [type.name, type.weight])),
    activeUsers: activity.map((user) => dataset.users.idAt(user)),
  });
}

/** Stores the bundle as the next version of the bundle blob; returns it with that version. */
export async function saveBundle(store: Store, bundle: ModelBundle): Promise<ModelBundle> {
  const info = await store.blobs.put(bundleBlobName, encodeBundle(bundle), {
    trainedAt: bundle.trainedAt,
    models: [...bundle.models.keys()],
    users: bundle.users.size,
    items: bundle.items.size,
  });
  return bundle.withVersion(info.version);
}

/** The given (or latest) stored bundle, or null when none was ever trained. */
export async function loadBundle(store: Store, registry: ModelRegistry, version?: number): Promise<ModelBundle | null> {
  const blob = await store.blobs.get(bundleBlobName, version);
  if (!blob) return null;
  return decodeBundle({
    bytes: blob.data,
    registry,
    version: blob.info.version,
    source: `${store.location} blob ${bundleBlobName} v${blob.info.version}`,
  });
}

async function sideInformation(
  store: Store,
  catalog: Catalog,
  itemIds: readonly string[],
  pipeline: RecommendationPipeline,
): Promise<SideInformation> {
  const categoryNames: string[] = [];
  const categoryIndex = new Map<string, number>();
  const itemCategory = new Int32Array(itemIds.length).fill(-1);
  const itemCreatedAt = new Float64Array(itemIds.length);
  itemIds.forEach((id, index) => {
    const entry = catalog.get(id);
    if (!entry) return;
    if (entry.leafCategory) {
      let category = categoryIndex.get(entry.leafCategory);
      if (category === undefined) {
        category = categoryNames.length;
        categoryNames.push(entry.leafCategory);
        categoryIndex.set(entry.leafCategory, category);
      }
      itemCategory[index] = category;
    }
    itemCreatedAt[index] = entry.item.createdAt ? entry.item.createdAt / 1000 : 0;
  });
  const side: SideInformation = { itemCategory, categoryNames, itemCreatedAt };
  const namespace = pipeline.config.rerank.diversity.vectorNamespace;
  const vectors = await store.vectors.get(namespace, itemIds);
  if (vectors.length > 0) {
    const dimension = vectors[0].vector.length;
    const matrix = new Float32Array(itemIds.length * dimension);
    const row = new Map(itemIds.map((id, index) => [id, index]));
    for (const entry of vectors) matrix.set(entry.vector, row.get(entry.id)! * dimension);
    side.itemEmbeddings = { dimension, vectors: matrix };
  }
  return side;
}

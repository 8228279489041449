// The recommender registry: algorithms chosen by name (`--models ials,ease`, configs), with `name:key=value,...`
// hyperparameters, and models saved to and loaded from files whatever their algorithm.

import type { Dataset } from '../core/dataset.ts';
import { InvalidInputError } from '../core/errors.ts';
import { bpr } from './bpr.ts';
import { ipsMf } from './causal/ips-mf.ts';
import { content } from './content.ts';
import { cooccurrence } from './cooccurrence.ts';
import { ease } from './ease.ts';
import { fused } from './fused.ts';
import { createHybrid } from './hybrid.ts';
import { ials } from './ials.ts';
import { itemKnn } from './item-knn.ts';
import { latest } from './latest.ts';
import { readModelFile, writeModelFile } from './model-file.ts';
import { type ModelSpec, parseModelSpec } from './params.ts';
import { popularity } from './popularity.ts';
import type { FitOptions, Model, ModelSnapshot, Recommender } from './recommender.ts';
import { rp3beta } from './rp3beta.ts';
import { fpmc } from './sequential/fpmc.ts';
import { markov } from './sequential/markov.ts';
import { sasrec } from './sequential/sasrec.ts';
import { sessionKnn } from './sequential/session-knn.ts';
import { socialMf } from './social/social-mf.ts';
import { trustKnn } from './social/trust-knn.ts';
import { trending } from './trending.ts';
import { userKnn } from './user-knn.ts';

// biome-ignore lint/suspicious/noExplicitAny: recommenders differ in their parameter types; params are checked at fit.
type AnyRecommender = Recommender<any>;

const table = new Map<string, AnyRecommender>();
const algorithms = [
  popularity,
  latest,
  trending,
  itemKnn,
  userKnn,
  rp3beta,
  ease,
  ials,
  bpr,
  content,
  cooccurrence,
  fused,
];
for (const recommender of algorithms as AnyRecommender[]) table.set(recommender.name, recommender);
// Sequential, social and propensity-weighted recall (docs/more-models.md).
const moreModels = [sessionKnn, markov, fpmc, sasrec, trustKnn, socialMf, ipsMf];
for (const recommender of moreModels as AnyRecommender[]) table.set(recommender.name, recommender);
table.set('hybrid', createHybrid(getRecommender) as AnyRecommender);

/** Every registered algorithm, by name. */
export const recommenders: ReadonlyMap<string, Recommender> = table;

export function recommenderNames(): string[] {
  return [...table.keys()];
}

/** The recommender called `name`; an InvalidInputError lists the known names otherwise. */
export function getRecommender(name: string): Recommender {
  const recommender = table.get(name.toLowerCase());
  if (!recommender) {
    throw new InvalidInputError(`unknown model "${name}" (known: ${recommenderNames().join(', ')})`, {
      context: { field: 'model' },
    });
  }
  return recommender;
}

/** Fits a model named by a spec such as `ials:factors=128,iterations=20`. */
export function fitModel(spec: string | ModelSpec, dataset: Dataset, options: FitOptions = {}): Promise<Model> {
  const { name, params } = typeof spec === 'string' ? parseModelSpec(spec) : spec;
  return getRecommender(name).fit(dataset, params, options);
}

/** Restores a model from its snapshot, whatever its algorithm. */
export function loadSnapshot(snapshot: ModelSnapshot): Model {
  return getRecommender(snapshot.name).load(snapshot);
}

/** Saves a model to `path` in the model file format (see model-file.ts). */
export function saveModel(model: Model, path: string): Promise<void> {
  return writeModelFile(path, model.snapshot());
}

/** Loads a model file; a corrupt or wrong-version file gives a FormatError naming the path. */
export async function loadModel(path: string): Promise<Model> {
  return loadSnapshot(await readModelFile(path));
}

/** The registry as a `{ names, get }` lookup (the shape evaluation takes; `get` returns undefined when unknown). */
export const modelRegistry = {
  names: (): readonly string[] => recommenderNames(),
  get: (name: string): Recommender | undefined => table.get(name.toLowerCase()),
};

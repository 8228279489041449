// How evaluation finds an algorithm by name. The models layer supplies the real registry; evaluation depends
// only on this small shape, so an external recommender can be evaluated too (style rule 5).

import { InvalidInputError } from '../core/errors.ts';
import type { ParamValue, Recommender } from '../models/recommender.ts';

export interface RecommenderRegistry {
  /** Names that `get` knows, for messages. */
  names(): readonly string[];
  /** The recommender of that name, or undefined. */
  get(name: string): Recommender | undefined;
}

/** The recommender of `name`, with hyperparameters checked against its defaults (unknown keys are rejected). */
export function resolveRecommender(
  registry: RecommenderRegistry,
  name: string,
  params: Record<string, ParamValue>,
): Recommender {
  const recommender = registry.get(name);
  if (!recommender) {
    throw new InvalidInputError(`unknown model "${name}"; known: ${registry.names().join(', ')}`, {
      context: { field: 'models' },
    });
  }
  for (const key of Object.keys(params)) {
    if (!(key in recommender.defaults)) {
      throw new InvalidInputError(
        `model ${name} has no hyperparameter "${key}"; it has: ${Object.keys(recommender.defaults).join(', ') || 'none'}`,
        { context: { field: 'models' } },
      );
    }
  }
  return recommender;
}

/** A registry over a fixed list of recommenders. */
export function registryOf(recommenders: readonly Recommender[]): RecommenderRegistry {
  const byName = new Map(recommenders.map((recommender) => [recommender.name, recommender]));
  return { names: () => [...byName.keys()], get: (name) => byName.get(name) };
}

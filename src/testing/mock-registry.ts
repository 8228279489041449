// A registry of mock recommenders under the default model names, as a module: LMREC_REGISTRY_MODULE can point a
// server process (and its training worker) here, for process-level tests that must not depend on real training time.

import type { Recommender } from '../models/recommender.ts';
import { mockRecommender } from './mock-recommender.ts';

const index = (id: string) => {
  let hash = 0;
  for (let k = 0; k < id.length; k++) hash = (hash * 31 + id.charCodeAt(k)) >>> 0;
  return hash;
};

export const recommenders: ReadonlyMap<string, Recommender> = new Map<string, Recommender>([
  ['ials', mockRecommender({ name: 'ials', itemScore: (id) => (index(id) % 1000) / 1000 })],
  ['itemknn', mockRecommender({ name: 'itemknn', similarity: (a, b) => ((index(a) ^ index(b)) % 97) / 97 })],
  ['cooccurrence', mockRecommender({ name: 'cooccurrence', similarity: (a, b) => ((index(a) + index(b)) % 89) / 89 })],
  ['trending', mockRecommender({ name: 'trending', itemScore: (id) => (index(id) % 313) / 313 })],
  ['popularity', mockRecommender({ name: 'popularity', itemScore: (id) => (index(id) % 211) / 211 })],
  ['latest', mockRecommender({ name: 'latest', itemScore: (id) => (index(id) % 101) / 101 })],
]);

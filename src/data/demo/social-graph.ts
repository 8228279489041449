// A homophilous follow graph: users follow others with similar tastes, more often in their own city.
// Edge weight (trust, 0.3–1) grows with taste similarity (McPherson et al. 2001 on homophily in social networks).

import { createRandom, hashString } from '../../core/random.ts';
import type { SocialEdge, User } from '../../core/types.ts';
import { demoCategories } from './categories.ts';
import type { UserTruth } from './users.ts';

/** Candidates considered per user: half from the same city, half from anywhere. */
const candidatesPerUser = 40;

export function generateSocialGraph(options: { seed: number; users: readonly User[]; truth: UserTruth }): SocialEdge[] {
  const { users, truth } = options;
  const random = createRandom(hashString('social', options.seed >>> 0));
  const count = users.length;
  const dims = demoCategories.length;
  // Centred, unit-length affinity vectors: cosine similarity by dot product.
  const unit = new Float64Array(count * dims);
  for (let u = 0; u < count; u++) {
    let mean = 0;
    for (let c = 0; c < dims; c++) mean += truth.affinity[u * dims + c];
    mean /= dims;
    let norm = 0;
    for (let c = 0; c < dims; c++) {
      const value = truth.affinity[u * dims + c] - mean;
      unit[u * dims + c] = value;
      norm += value * value;
    }
    norm = Math.sqrt(norm) || 1;
    for (let c = 0; c < dims; c++) unit[u * dims + c] /= norm;
  }
  const byCity = new Map<string, number[]>();
  users.forEach((user, u) => {
    const city = String(user.attributes.city);
    if (!byCity.has(city)) byCity.set(city, []);
    byCity.get(city)!.push(u);
  });
  const edges = new Map<string, SocialEdge>();
  const add = (from: number, to: number, weight: number) => {
    const key = `${from}>${to}`;
    if (from !== to && !edges.has(key)) edges.set(key, { from: users[from].id, to: users[to].id, weight });
  };
  for (let u = 0; u < count; u++) {
    // Out-degree 1 + Poisson(3): a few well-connected users, most with a handful of follows.
    let degree = 1;
    for (let p = Math.exp(-3), r = random.next(); r > p; degree++) r *= random.next();
    const sameCity = byCity.get(String(users[u].attributes.city)) ?? [];
    const scored: Array<{ v: number; score: number; similarity: number }> = [];
    for (let k = 0; k < candidatesPerUser; k++) {
      const local = k % 2 === 0 && sameCity.length > 1;
      const v = local ? sameCity[random.int(sameCity.length)] : random.int(count);
      if (v === u) continue;
      let similarity = 0;
      for (let c = 0; c < dims; c++) similarity += unit[u * dims + c] * unit[v * dims + c];
      const gumbel = -Math.log(-Math.log(random.next() || Number.MIN_VALUE));
      scored.push({ v, similarity, score: similarity * 4 + (local ? 0.8 : 0) + gumbel * 0.5 });
    }
    scored.sort((a, b) => b.score - a.score);
    for (const { v, similarity } of scored.slice(0, degree)) {
      const weight = Math.round((0.3 + 0.7 / (1 + Math.exp(-4 * similarity))) * 100) / 100;
      add(u, v, weight);
      if (random.next() < 0.4) add(v, u, weight);
    }
  }
  return [...edges.values()];
}

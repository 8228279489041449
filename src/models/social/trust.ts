// Trust between users from the social graph (side.social): direct edge weights, propagated a few hops with decay
// as in MoleTrust (Massa & Avesani 2007): trust(u, w) = max over paths u → v → … → w of the product of the edge
// weights times decay^(hops − 1).

import type { SparseRows } from '../../core/dataset.ts';
import { InvalidInputError } from '../../core/errors.ts';
import type { FitOptions } from '../recommender.ts';

/** The social graph of the fit options, checked against the dataset's user count. */
export function socialGraph(model: string, options: FitOptions, userCount: number): SparseRows {
  const social = options.side?.social;
  if (!social) {
    throw new InvalidInputError(`${model} needs the social graph (side.social: who trusts whom)`, {
      context: { field: 'side.social' },
    });
  }
  if (social.indptr.length !== userCount + 1) {
    throw new InvalidInputError(`side.social has ${social.indptr.length - 1} rows for ${userCount} users`, {
      context: { field: 'side.social' },
    });
  }
  for (const user of social.indices) {
    if (!(user >= 0 && user < userCount)) {
      throw new InvalidInputError(`side.social names user index ${user}, outside the ${userCount} users`, {
        context: { field: 'side.social' },
      });
    }
  }
  return social;
}

/** Per user, the trusted users within `depth` hops (the user itself left out), strongest first. */
export function propagateTrust(
  social: SparseRows,
  options: { depth: number; decay: number; limit: number },
): SparseRows {
  const users = social.indptr.length - 1;
  const indptr = new Int32Array(users + 1);
  const indices: number[] = [];
  const values: number[] = [];
  const best = new Float64Array(users);
  for (let user = 0; user < users; user++) {
    const reached: number[] = [];
    let frontier = [{ user, trust: 1 }];
    for (let hop = 0; hop < options.depth && frontier.length; hop++) {
      const next: Array<{ user: number; trust: number }> = [];
      const factor = hop === 0 ? 1 : options.decay;
      for (const { user: from, trust } of frontier) {
        for (let p = social.indptr[from]; p < social.indptr[from + 1]; p++) {
          const to = social.indices[p];
          const value = trust * social.values[p] * factor;
          if (to === user || value <= best[to]) continue;
          if (best[to] === 0) reached.push(to);
          best[to] = value;
          next.push({ user: to, trust: value });
        }
      }
      frontier = next;
    }
    reached.sort((a, b) => best[b] - best[a] || a - b);
    for (const other of reached.slice(0, options.limit)) {
      indices.push(other);
      values.push(best[other]);
    }
    for (const other of reached) best[other] = 0;
    indptr[user + 1] = indices.length;
  }
  return { indptr, indices: Int32Array.from(indices), values: Float32Array.from(values) };
}

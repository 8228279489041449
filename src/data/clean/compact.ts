// Drops users and items that have no interactions left (after k-core or other filters), giving new contiguous
// id maps; the other cleaners keep the input's id maps so results stay comparable.

import { Dataset } from '../../core/dataset.ts';
import { IdMap } from '../../core/id-map.ts';

export interface CompactResult {
  dataset: Dataset;
  /** Old index → new index, or -1 when dropped. */
  userIndex: Int32Array;
  itemIndex: Int32Array;
}

export function compact(dataset: Dataset): CompactResult {
  const { indptr, indices, values, times } = dataset.byUser;
  const userIndex = new Int32Array(dataset.userCount).fill(-1);
  const itemIndex = new Int32Array(dataset.itemCount).fill(-1);
  const users = new IdMap();
  for (let u = 0; u < dataset.userCount; u++) {
    if (indptr[u + 1] > indptr[u]) userIndex[u] = users.add(dataset.users.idAt(u));
  }
  const itemSeen = new Uint8Array(dataset.itemCount);
  for (let p = 0; p < indices.length; p++) itemSeen[indices[p]] = 1;
  const items = new IdMap();
  for (let i = 0; i < dataset.itemCount; i++) if (itemSeen[i]) itemIndex[i] = items.add(dataset.items.idAt(i));
  const newPtr = new Int32Array(users.size + 1);
  const newIndices = new Int32Array(indices.length);
  let w = 0;
  for (let u = 0; u < dataset.userCount; u++) {
    const to = userIndex[u];
    if (to < 0) continue;
    for (let p = indptr[u]; p < indptr[u + 1]; p++) newIndices[w++] = itemIndex[indices[p]];
    newPtr[to + 1] = w;
  }
  // Rows keep their order, so values and times carry over unchanged.
  return {
    dataset: new Dataset({
      users,
      items,
      byUser: { indptr: newPtr, indices: newIndices, values: values.slice(), times: times.slice() },
    }),
    userIndex,
    itemIndex,
  };
}

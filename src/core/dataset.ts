// Columnar training data: CSR by user (time-ordered rows) with a time array, and a CSC by item built on first use.
// CSR costs 12 bytes per interaction (Int32 item, Float32 value, Uint32 seconds); the CSC adds 8 when built.

import type { IdMap } from './id-map.ts';

/** A compressed sparse matrix: row r holds entries indptr[r] .. indptr[r+1]-1. */
export interface SparseRows {
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** Coordinate-form interactions to build a Dataset from. Duplicated (user, item) pairs are aggregated. */
export interface Interactions {
  user: Int32Array;
  item: Int32Array;
  value: Float32Array;
  /** Seconds since the epoch (or an order index when a source has no time). */
  time: Uint32Array | Float64Array;
  /** How many of the entries above are used (defaults to all). */
  length?: number;
}

/** How duplicated (user, item) pairs are combined into one entry. */
export type Aggregate = 'sum' | 'max' | 'min' | 'last';

export class Dataset {
  readonly users: IdMap;
  readonly items: IdMap;
  /** Rows are users; within a row, entries are in time order (ties by item index). */
  readonly byUser: SparseRows & { readonly times: Uint32Array };
  #byItem: SparseRows | null = null;

  constructor(options: { users: IdMap; items: IdMap; byUser: SparseRows & { times: Uint32Array } }) {
    this.users = options.users;
    this.items = options.items;
    this.byUser = options.byUser;
    if (this.byUser.indptr.length !== this.users.size + 1) {
      throw new RangeError(`CSR has ${this.byUser.indptr.length - 1} rows but there are ${this.users.size} users`);
    }
  }

  get userCount(): number {
    return this.users.size;
  }

  get itemCount(): number {
    return this.items.size;
  }

  get interactionCount(): number {
    return this.byUser.indices.length;
  }

  /** CSC by item: rows are items, entries are users in ascending order. Built once, on first use. */
  get byItem(): SparseRows {
    this.#byItem ??= transpose(this.byUser, this.items.size);
    return this.#byItem;
  }

  /** The item indices of user `u`, in time order (a view, not a copy). */
  itemsOf(u: number): Int32Array {
    const { indptr, indices } = this.byUser;
    return indices.subarray(indptr[u], indptr[u + 1]);
  }

  valuesOf(u: number): Float32Array {
    const { indptr, values } = this.byUser;
    return values.subarray(indptr[u], indptr[u + 1]);
  }

  timesOf(u: number): Uint32Array {
    const { indptr, times } = this.byUser;
    return times.subarray(indptr[u], indptr[u + 1]);
  }

  /** The user indices of item `i` (builds the CSC on first call). */
  usersOf(i: number): Int32Array {
    const { indptr, indices } = this.byItem;
    return indices.subarray(indptr[i], indptr[i + 1]);
  }

  /** Bytes held by the typed arrays (the id maps are extra). */
  byteSize(): number {
    const csr = this.byUser;
    let bytes = csr.indptr.byteLength + csr.indices.byteLength + csr.values.byteLength + csr.times.byteLength;
    if (this.#byItem)
      bytes += this.#byItem.indptr.byteLength + this.#byItem.indices.byteLength + this.#byItem.values.byteLength;
    return bytes;
  }

  /** A dataset over the same users and items holding only the interactions where `keep(position)` is true. */
  filter(keep: (position: number, user: number) => boolean): Dataset {
    const { indptr, indices, values, times } = this.byUser;
    const newPtr = new Int32Array(indptr.length);
    let count = 0;
    const mask = new Uint8Array(indices.length);
    for (let u = 0; u < this.users.size; u++) {
      for (let p = indptr[u]; p < indptr[u + 1]; p++) {
        if (keep(p, u)) {
          mask[p] = 1;
          count++;
        }
      }
      newPtr[u + 1] = count;
    }
    const newIndices = new Int32Array(count);
    const newValues = new Float32Array(count);
    const newTimes = new Uint32Array(count);
    let w = 0;
    for (let p = 0; p < indices.length; p++) {
      if (mask[p]) {
        newIndices[w] = indices[p];
        newValues[w] = values[p];
        newTimes[w] = times[p];
        w++;
      }
    }
    return new Dataset({
      users: this.users,
      items: this.items,
      byUser: { indptr: newPtr, indices: newIndices, values: newValues, times: newTimes },
    });
  }

  /** Builds a dataset from coordinate arrays; duplicate (user, item) pairs are aggregated, keeping the latest time. */
  static fromInteractions(options: {
    users: IdMap;
    items: IdMap;
    interactions: Interactions;
    aggregate?: Aggregate;
  }): Dataset {
    const { users, items, interactions } = options;
    const aggregate = options.aggregate ?? 'sum';
    const n = interactions.length ?? interactions.user.length;
    const userCount = users.size;
    // Counting sort by user.
    const counts = new Int32Array(userCount + 1);
    for (let k = 0; k < n; k++) counts[interactions.user[k] + 1]++;
    for (let u = 0; u < userCount; u++) counts[u + 1] += counts[u];
    const order = new Int32Array(n);
    const cursor = counts.slice(0, userCount);
    for (let k = 0; k < n; k++) order[cursor[interactions.user[k]]++] = k;

    const indptr = new Int32Array(userCount + 1);
    const outItem = new Int32Array(n);
    const outValue = new Float32Array(n);
    const outTime = new Uint32Array(n);
    const seen = new Int32Array(items.size).fill(-1);
    let w = 0;
    const { item, value, time } = interactions;
    for (let u = 0; u < userCount; u++) {
      const start = counts[u];
      const end = counts[u + 1];
      const row = order.subarray(start, end);
      // Stable sort of this user's entries by time, then item.
      row.sort((a, b) => time[a] - time[b] || item[a] - item[b] || a - b);
      const rowStart = w;
      for (let r = 0; r < row.length; r++) {
        const k = row[r];
        const i = item[k];
        const existing = seen[i];
        if (existing >= rowStart) {
          const previous = outValue[existing];
          outValue[existing] =
            aggregate === 'sum'
              ? previous + value[k]
              : aggregate === 'max'
                ? Math.max(previous, value[k])
                : aggregate === 'min'
                  ? Math.min(previous, value[k])
                  : value[k];
          if (time[k] > outTime[existing]) outTime[existing] = time[k];
        } else {
          seen[i] = w;
          outItem[w] = i;
          outValue[w] = value[k];
          outTime[w] = time[k];
          w++;
        }
      }
      // Aggregation may move an entry's time later; restore time order within the row.
      if (w - rowStart > 1) sortRowByTime(outItem, outValue, outTime, rowStart, w);
      indptr[u + 1] = w;
    }
    return new Dataset({
      users,
      items,
      byUser: {
        indptr,
        indices: w === n ? outItem : outItem.slice(0, w),
        values: w === n ? outValue : outValue.slice(0, w),
        times: w === n ? outTime : outTime.slice(0, w),
      },
    });
  }
}

function sortRowByTime(item: Int32Array, value: Float32Array, time: Uint32Array, start: number, end: number): void {
  let sorted = true;
  for (let p = start + 1; p < end; p++) {
    if (time[p] < time[p - 1] || (time[p] === time[p - 1] && item[p] < item[p - 1])) {
      sorted = false;
      break;
    }
  }
  if (sorted) return;
  const positions = Array.from({ length: end - start }, (_, k) => start + k);
  positions.sort((a, b) => time[a] - time[b] || item[a] - item[b]);
  const items = positions.map((p) => item[p]);
  const values = positions.map((p) => value[p]);
  const times = positions.map((p) => time[p]);
  for (let k = 0; k < positions.length; k++) {
    item[start + k] = items[k];
    value[start + k] = values[k];
    time[start + k] = times[k];
  }
}

/** CSR → CSC by counting sort; within a column, rows come out in ascending order. */
export function transpose(rows: SparseRows, columnCount: number): SparseRows {
  const { indptr, indices, values } = rows;
  const indptrT = new Int32Array(columnCount + 1);
  for (let p = 0; p < indices.length; p++) indptrT[indices[p] + 1]++;
  for (let c = 0; c < columnCount; c++) indptrT[c + 1] += indptrT[c];
  const cursor = indptrT.slice(0, columnCount);
  const indicesT = new Int32Array(indices.length);
  const valuesT = new Float32Array(indices.length);
  for (let r = 0; r < indptr.length - 1; r++) {
    for (let p = indptr[r]; p < indptr[r + 1]; p++) {
      const q = cursor[indices[p]]++;
      indicesT[q] = r;
      valuesT[q] = values[p];
    }
  }
  return { indptr: indptrT, indices: indicesT, values: valuesT };
}

// ML-100K for the sequential bench: u.data read directly, users and items indexed in ascending id order, so equal
// timestamps fall back to the ascending movie id (as LlamaRec's preprocessing orders them). Leave-last-out by time:
// each user's last item is the test item and the one before it the validation item.
// TEMPORARY: switch to the shared ml-100k importer and leave-last-out splitter once they land on main.

import fs from 'node:fs';
import path from 'node:path';
import { Dataset } from '../../src/core/dataset.ts';
import { IdMap } from '../../src/core/id-map.ts';

export interface LeaveLastOut {
  train: Dataset;
  validation: Dataset;
  test: Dataset;
}

export function datasetsFolder(): string {
  return process.env.LMREC_DATASETS ?? path.join(import.meta.dirname, '..', '..', '..', 'shared', 'datasets');
}

export function loadMovielens100k(folder = path.join(datasetsFolder(), 'ml-100k')): LeaveLastOut | null {
  const file = path.join(folder, 'u.data');
  if (!fs.existsSync(file)) return null;
  const rows = fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split('\t').map(Number));
  const users = IdMap.from([...new Set(rows.map((row) => row[0]))].sort((a, b) => a - b).map(String));
  const items = IdMap.from([...new Set(rows.map((row) => row[1]))].sort((a, b) => a - b).map(String));
  const all = Dataset.fromInteractions({
    users,
    items,
    interactions: {
      user: Int32Array.from(rows, (row) => users.indexOf(String(row[0]))),
      item: Int32Array.from(rows, (row) => items.indexOf(String(row[1]))),
      value: new Float32Array(rows.length).fill(1),
      time: Uint32Array.from(rows, (row) => row[3]),
    },
  });
  const { indptr } = all.byUser;
  const part = (position: number, user: number) =>
    indptr[user + 1] - indptr[user] < 3
      ? 0
      : position === indptr[user + 1] - 1
        ? 2
        : position === indptr[user + 1] - 2
          ? 1
          : 0;
  return {
    train: all.filter((position, user) => part(position, user) === 0),
    validation: all.filter((position, user) => part(position, user) === 1),
    test: all.filter((position, user) => part(position, user) === 2),
  };
}

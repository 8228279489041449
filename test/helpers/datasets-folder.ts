// Where the shared real datasets are (LMREC_DATASETS, default ../shared/datasets from the repository root, or the
// nearest shared/datasets further up), and a skip reason when one is absent.

import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

export function datasetsFolder(): string {
  if (process.env.LMREC_DATASETS) return path.resolve(root, process.env.LMREC_DATASETS);
  const standard = path.resolve(root, '../shared/datasets');
  if (fs.existsSync(standard)) return standard;
  // A git worktree sits deeper than the main checkout: look for shared/datasets further up.
  for (let folder = path.dirname(root); folder !== path.dirname(folder); folder = path.dirname(folder)) {
    const candidate = path.join(folder, 'shared', 'datasets');
    if (fs.existsSync(candidate)) return candidate;
  }
  return standard;
}

/** The dataset's folder, or a reason to skip (also printed, so a skipped run says why). */
export function realDataset(name: string): { folder: string; skip: false } | { folder: string; skip: string } {
  const folder = path.join(datasetsFolder(), name);
  if (fs.existsSync(folder)) return { folder, skip: false };
  const reason = `dataset ${name} not found in ${datasetsFolder()} (set LMREC_DATASETS)`;
  process.stdout.write(`# skip: ${reason}\n`);
  return { folder, skip: reason };
}

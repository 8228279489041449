// `datasets download`: fetch a catalog archive (or the same file from a mirror), check it, and unpack it.

import fs from 'node:fs';
import path from 'node:path';
import { InvalidInputError } from '../../core/errors.ts';
import { type Progress, silentProgress } from '../../core/progress.ts';
import { type CatalogEntry, catalogEntry, datasetCatalog } from './dataset-catalog.ts';
import { downloadFile } from './http-download.ts';
import { extractZip } from './zip-reader.ts';

export interface DownloadDatasetOptions {
  /** A catalog name such as `movielens-100k`, or a full entry (tests and private mirrors). */
  dataset: string | CatalogEntry;
  /** Folder that receives the archive and the unpacked dataset. */
  to: string;
  /** Base URL serving the same archive names instead of the official host. */
  mirror?: string;
  /** Expected SHA-256 instead of the catalog's (a mirror holding a re-packed archive). */
  sha256?: string;
  progress?: Progress;
  signal?: AbortSignal;
}

export interface DownloadDatasetResult {
  name: string;
  url: string;
  archive: string;
  /** The unpacked folder, ready for `lmrec import <format>`. */
  folder: string;
  format: string;
  bytes: number;
  resumedFrom: number;
  /** The archive was already there with the right checksum. */
  cached: boolean;
}

export async function downloadDataset(options: DownloadDatasetOptions): Promise<DownloadDatasetResult> {
  const entry = typeof options.dataset === 'string' ? catalogEntry(options.dataset) : options.dataset;
  if (!entry) {
    throw new InvalidInputError(
      `unknown dataset "${options.dataset}" (known: ${datasetCatalog.map((known) => known.name).join(', ')})`,
      { context: { field: 'dataset' } },
    );
  }
  const sha256 = options.sha256 ?? entry.sha256;
  if (!/^[0-9a-f]{64}$/i.test(sha256)) {
    throw new InvalidInputError(`--sha256 must be 64 hex digits (got ${sha256})`, { context: { field: 'sha256' } });
  }
  const fileName = entry.url.split('/').pop() as string;
  const url = options.mirror ? `${options.mirror.replace(/\/+$/, '')}/${fileName}` : entry.url;
  const progress = options.progress ?? silentProgress;
  fs.mkdirSync(options.to, { recursive: true });
  const archive = path.join(options.to, fileName);
  const download = await downloadFile({ url, to: archive, sha256, size: entry.size, progress, signal: options.signal });
  const folder = path.join(options.to, entry.folder);
  // A marker written last says the folder holds a complete unpack of this very archive.
  const marker = path.join(folder, '.lmrec-unpacked');
  if (!(fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === sha256.toLowerCase())) {
    progress.start(`unpack ${fileName}`, fs.statSync(archive).size);
    await extractZip(archive, options.to, { onBytes: (bytes) => progress.tick(bytes) });
    progress.done();
    if (!fs.existsSync(folder)) fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(marker, `${sha256.toLowerCase()}\n`);
  }
  return {
    name: entry.name,
    url,
    archive,
    folder,
    format: entry.format,
    bytes: download.bytes,
    resumedFrom: download.resumedFrom,
    cached: download.cached,
  };
}

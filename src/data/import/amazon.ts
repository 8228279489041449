// `amazon` import: Amazon Review Data 2018 (Ni, Li & McAuley, EMNLP 2019) as JSON lines — reviews (`<Category>.json`,
// `<Category>_5.json`, optionally .gz) and metadata (`meta_<Category>.json`) — or the LC-Rec processed form
// (`<Name>.item.json` + `<Name>.inter.json`).

import fs from 'node:fs';
import path from 'node:path';
import { InvalidInputError, NotFoundError } from '../../core/errors.ts';
import { importAmazonLcrec } from './amazon-lcrec.ts';
import { importAmazonMetadata, importAmazonReviews } from './amazon-reviews.ts';
import type { ImportSession } from './import-session.ts';
import { readLineBatches } from './text-source.ts';

export interface AmazonImportOptions {
  /** Metadata files (`meta_<Category>.json[.gz]`) besides those found next to the reviews. */
  meta?: string[];
  /** Import every item of the metadata, not only the reviewed ones (default false). */
  allItems?: boolean;
}

export interface AmazonFiles {
  form: 'reviews' | 'lcrec';
  reviews: string[];
  meta: string[];
  /** LC-Rec form: the item and interaction files. */
  items?: string;
  inter?: string;
}

const jsonName = /\.(json|jsonl)(\.gz)?$/i;

/** Which files of which form `given` (a folder or one file) holds. */
export async function detectAmazon(given: string, extraMeta: string[] = []): Promise<AmazonFiles> {
  if (!fs.existsSync(given)) throw new NotFoundError(`${given} does not exist`, { context: { file: given } });
  const isFolder = fs.statSync(given).isDirectory();
  const folder = isFolder ? given : path.dirname(given);
  const names = isFolder ? fs.readdirSync(folder).sort() : [path.basename(given)];
  const lcrecItems = names.find((name) => /\.item\.json$/.test(name));
  const lcrecInter = names.find((name) => /\.inter\.json$/.test(name));
  if (lcrecInter || lcrecItems) {
    const inter = lcrecInter ?? lcrecItems!.replace(/\.item\.json$/, '.inter.json');
    const items = lcrecItems ?? inter.replace(/\.inter\.json$/, '.item.json');
    return { form: 'lcrec', reviews: [], meta: [], items: path.join(folder, items), inter: path.join(folder, inter) };
  }
  const reviews: string[] = [];
  const meta = [...extraMeta];
  for (const name of names.filter((entry) => jsonName.test(entry))) {
    const file = path.join(folder, name);
    const kind = name.startsWith('meta_') ? 'meta' : await sniffAmazon(file);
    if (kind === 'meta') meta.push(file);
    else if (kind === 'reviews') reviews.push(file);
  }
  if (reviews.length === 0 && meta.length === 0) {
    throw new NotFoundError(
      `${given} holds no Amazon data: expected reviews and meta_ JSON lines (2018) or <name>.item.json + <name>.inter.json`,
      { context: { file: given } },
    );
  }
  return { form: 'reviews', reviews, meta };
}

/** Reviews or metadata, from the first record's fields; null when it is neither. */
async function sniffAmazon(file: string): Promise<'reviews' | 'meta' | null> {
  for await (const batch of readLineBatches(file)) {
    const first = batch.lines.find((line) => line.trim() !== '');
    if (first === undefined) continue;
    let record: unknown;
    try {
      record = JSON.parse(first);
    } catch {
      throw new InvalidInputError(
        `${file} line ${batch.first}: not JSON lines (the 2014 release used Python literals; use the 2018 files)`,
        { context: { file, line: batch.first } },
      );
    }
    if (typeof record !== 'object' || record === null) return null;
    if ('reviewerID' in record) return 'reviews';
    if ('asin' in record) return 'meta';
    return null;
  }
  return null;
}

export async function importAmazon(
  session: ImportSession,
  given: string,
  options: AmazonImportOptions = {},
): Promise<void> {
  const files = await detectAmazon(given, options.meta);
  if (files.form === 'lcrec') {
    if (options.meta?.length || options.allItems) {
      throw new InvalidInputError('--meta and --all-items apply to the 2018 review files, not the LC-Rec form', {
        context: { field: options.meta?.length ? 'meta' : 'allItems' },
      });
    }
    await importAmazonLcrec(session, { items: files.items!, inter: files.inter! });
    return;
  }
  const reviewed = new Set<string>();
  for (const file of files.reviews) await importAmazonReviews(session, file, reviewed);
  const keep = options.allItems || files.reviews.length === 0 ? null : reviewed;
  for (const file of files.meta) await importAmazonMetadata(session, file, keep);
}

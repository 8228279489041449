// Streams a file as decoded text chunks (gzip when the name ends in .gz), reporting raw bytes read for progress bars.
// Nothing here reads a whole file: memory stays at one chunk however large the input.

import fs from 'node:fs';
import { createGunzip } from 'node:zlib';
import { InvalidInputError, NotFoundError } from '../../core/errors.ts';

export type TextEncoding = 'utf-8' | 'latin1';

export interface TextSourceOptions {
  /** Character encoding of the file (default utf-8). MovieLens 100K and 1M item files are Latin-1. */
  encoding?: TextEncoding;
  /** Called with the number of raw (compressed, for .gz) bytes read since the last call. */
  onBytes?: (bytes: number) => void;
  /** Bytes per read (default 1 MiB). */
  chunkSize?: number;
}

/** The size of a readable regular file, or a NotFoundError / InvalidInputError that names it. */
export function fileSize(file: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    throw new NotFoundError(`${file} does not exist`, { cause: error, context: { file } });
  }
  if (!stat.isFile()) throw new InvalidInputError(`${file} is not a file`, { context: { file } });
  return stat.size;
}

/** Decoded text chunks of `file`, in order; the first chunk has any byte-order mark removed. */
export async function* readTextChunks(file: string, options: TextSourceOptions = {}): AsyncGenerator<string> {
  fileSize(file);
  const raw = fs.createReadStream(file, { highWaterMark: options.chunkSize ?? 1 << 20 });
  if (options.onBytes) {
    const onBytes = options.onBytes;
    raw.on('data', (chunk) => onBytes(chunk.length));
  }
  const bytes: AsyncIterable<Buffer> = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const decoder = new TextDecoder(options.encoding === 'latin1' ? 'latin1' : 'utf-8');
  let first = true;
  try {
    for await (const chunk of bytes) {
      let text = decoder.decode(chunk, { stream: true });
      if (first && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      if (text) yield text;
    }
  } catch (error) {
    throw new InvalidInputError(`${file} cannot be read: ${(error as Error).message}`, {
      cause: error,
      context: { file },
    });
  } finally {
    raw.destroy();
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** A batch of consecutive lines; `first` is the 1-based line number of `lines[0]`. */
export interface LineBatch {
  lines: string[];
  first: number;
}

/**
 * The lines of `file` in batches. Lines end at LF only (a trailing CR is dropped), so a bare CR inside a field
 * stays part of its line, as some real files need (KuaiRec captions). Empty lines are kept, so numbers stay true.
 */
export async function* readLineBatches(file: string, options: TextSourceOptions = {}): AsyncGenerator<LineBatch> {
  let carry = '';
  let next = 1;
  for await (const chunk of readTextChunks(file, options)) {
    const text = carry + chunk;
    const lines = text.split('\n');
    carry = lines.pop() ?? '';
    if (lines.length === 0) continue;
    for (let k = 0; k < lines.length; k++) {
      const line = lines[k];
      if (line.charCodeAt(line.length - 1) === 13) lines[k] = line.slice(0, -1);
    }
    yield { lines, first: next };
    next += lines.length;
  }
  if (carry.length > 0) {
    yield { lines: [carry.charCodeAt(carry.length - 1) === 13 ? carry.slice(0, -1) : carry], first: next };
  }
}

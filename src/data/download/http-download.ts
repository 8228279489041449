// Downloads one file over HTTP(S) with a SHA-256 check, resuming a partial `.part` file with a Range request.
// A checksum mismatch removes the partial file, so the next attempt starts clean.

import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import { AbortedError, FormatError, LmrecError } from '../../core/errors.ts';
import { type Progress, silentProgress } from '../../core/progress.ts';

export interface DownloadOptions {
  url: string;
  /** Where the finished file goes; `<to>.part` holds it while it downloads. */
  to: string;
  /** Expected SHA-256 (hex) of the whole file; the download fails when it differs. */
  sha256: string;
  /** Expected size in bytes, for the progress bar before the server says. */
  size?: number;
  progress?: Progress;
  signal?: AbortSignal;
}

export interface DownloadResult {
  file: string;
  bytes: number;
  /** Bytes that were already on disk from an earlier, interrupted download. */
  resumedFrom: number;
  /** True when the finished file was already there with the right checksum. */
  cached: boolean;
}

/** Hex SHA-256 of a file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function downloadFile(options: DownloadOptions): Promise<DownloadResult> {
  const { url, to } = options;
  const expected = options.sha256.toLowerCase();
  const progress = options.progress ?? silentProgress;
  if (fs.existsSync(to) && (await sha256File(to)) === expected) {
    return { file: to, bytes: fs.statSync(to).size, resumedFrom: 0, cached: true };
  }
  const partial = `${to}.part`;
  let have = fs.existsSync(partial) ? fs.statSync(partial).size : 0;
  const headers: Record<string, string> = { 'user-agent': 'lmrec' };
  if (have > 0) headers.range = `bytes=${have}-`;
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: options.signal, redirect: 'follow' });
  } catch (error) {
    // fetch reports "fetch failed"; the reason (ENOTFOUND, ECONNREFUSED, …) is in its cause.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new LmrecError(`cannot reach ${url} (${reason})`, { cause: error, context: { url } });
  }
  if (response.status === 416 && have > 0) {
    // The partial file is already complete (or longer than the file): let the checksum decide.
    await response.body?.cancel();
  } else {
    if (response.status !== 200 && response.status !== 206) {
      await response.body?.cancel();
      throw new LmrecError(`${url} answered HTTP ${response.status} ${response.statusText}`, {
        context: { url, status: response.status },
      });
    }
    // 200 to a range request: the server ignores ranges, so start over.
    const resumes = response.status === 206 && have > 0 && rangeStart(response) === have;
    if (!resumes) have = 0;
    const length = Number(response.headers.get('content-length') ?? Number.NaN);
    const total = Number.isFinite(length) ? have + length : options.size;
    progress.start(`download ${url.split('/').pop()}`, total);
    progress.tick(have);
    const output = fs.createWriteStream(partial, { flags: resumes ? 'a' : 'w' });
    try {
      if (!response.body) throw new Error('empty response body');
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        if (!output.write(chunk)) await once(output, 'drain');
        progress.tick(chunk.length);
      }
      output.end();
      await once(output, 'finish');
    } catch (error) {
      output.destroy();
      const aborted = options.signal?.aborted;
      const message = `download of ${url} stopped after ${fs.existsSync(partial) ? fs.statSync(partial).size : 0} bytes (${(error as Error).message}); run it again to resume`;
      throw aborted
        ? new AbortedError(message, { cause: error, context: { url } })
        : new LmrecError(message, { cause: error, context: { url } });
    }
    progress.done();
  }
  const actual = await sha256File(partial);
  if (actual !== expected) {
    fs.rmSync(partial, { force: true });
    throw new FormatError(
      `${url}: SHA-256 mismatch (expected ${expected}, got ${actual}); the partial file was removed, try again or use another mirror`,
      { context: { url, file: to } },
    );
  }
  fs.renameSync(partial, to);
  return { file: to, bytes: fs.statSync(to).size, resumedFrom: have, cached: false };
}

/** The first byte of a 206 answer's Content-Range (`bytes 100-199/200`), or -1. */
function rangeStart(response: Response): number {
  const match = /^bytes (\d+)-/.exec(response.headers.get('content-range') ?? '');
  return match ? Number(match[1]) : -1;
}

// A small zip reader: lists the central directory and extracts entries by streaming them through
// zlib's inflateRaw, checking each CRC-32. Stored and deflated entries, with Zip64 sizes and offsets (APPNOTE 6.3).

import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { crc32, createInflateRaw } from 'node:zlib';
import { FormatError } from '../../core/errors.ts';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  localHeaderOffset: number;
  isDirectory: boolean;
}

const endOfDirectory = 0x06054b50;
const zip64Locator = 0x07064b50;
const zip64End = 0x06064b50;
const centralHeader = 0x02014b50;
const localHeader = 0x04034b50;

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const read = fs.readSync(fd, buffer, done, length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

/** The entries of a zip file, from its central directory. */
export function listZip(file: string): ZipEntry[] {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const bad = (problem: string): never => {
      throw new FormatError(`${file} is not a readable zip file: ${problem}`, { context: { file } });
    };
    // The end record is the last 22 bytes plus a comment of up to 65,535 bytes.
    const tailLength = Math.min(size, 22 + 65_535);
    const tail = readAt(fd, size - tailLength, tailLength);
    let at = -1;
    for (let p = tail.length - 22; p >= 0; p--) {
      if (tail.readUInt32LE(p) === endOfDirectory) {
        at = p;
        break;
      }
    }
    if (at < 0) bad('no end-of-central-directory record');
    let count = tail.readUInt16LE(at + 10);
    let directorySize = tail.readUInt32LE(at + 12);
    let directoryOffset = tail.readUInt32LE(at + 16);
    if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
      const locatorAt = at - 20;
      if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== zip64Locator) bad('missing Zip64 locator');
      const end64 = readAt(fd, Number(tail.readBigUInt64LE(locatorAt + 8)), 56);
      if (end64.readUInt32LE(0) !== zip64End) bad('missing Zip64 end record');
      count = Number(end64.readBigUInt64LE(32));
      directorySize = Number(end64.readBigUInt64LE(40));
      directoryOffset = Number(end64.readBigUInt64LE(48));
    }
    const directory = readAt(fd, directoryOffset, directorySize);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let k = 0; k < count; k++) {
      if (p + 46 > directory.length || directory.readUInt32LE(p) !== centralHeader)
        bad(`central header ${k} is damaged`);
      const flags = directory.readUInt16LE(p + 8);
      const method = directory.readUInt16LE(p + 10);
      let compressedSize = directory.readUInt32LE(p + 20);
      let entrySize = directory.readUInt32LE(p + 24);
      const nameLength = directory.readUInt16LE(p + 28);
      const extraLength = directory.readUInt16LE(p + 30);
      const commentLength = directory.readUInt16LE(p + 32);
      let localHeaderOffset = directory.readUInt32LE(p + 42);
      const crc = directory.readUInt32LE(p + 16);
      const nameBytes = directory.subarray(p + 46, p + 46 + nameLength);
      // Bit 11: UTF-8 names; otherwise CP437, which matches ASCII for the names that matter here.
      const name = nameBytes.toString(flags & 0x800 ? 'utf8' : 'latin1');
      const extra = directory.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
      for (let e = 0; e + 4 <= extra.length; ) {
        const id = extra.readUInt16LE(e);
        const length = extra.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (entrySize === 0xffffffff) entrySize = Number(extra.readBigUInt64LE((q += 8) - 8));
          if (compressedSize === 0xffffffff) compressedSize = Number(extra.readBigUInt64LE((q += 8) - 8));
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = Number(extra.readBigUInt64LE(q));
        }
        e += 4 + length;
      }
      entries.push({
        name,
        method,
        compressedSize,
        size: entrySize,
        crc,
        localHeaderOffset,
        isDirectory: name.endsWith('/'),
      });
      p += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    fs.closeSync(fd);
  }
}

/** Extracts every entry under `to`, refusing names that would escape it. Returns the files written. */
export async function extractZip(
  file: string,
  to: string,
  options: { onBytes?: (bytes: number) => void } = {},
): Promise<string[]> {
  const root = path.resolve(to);
  const written: string[] = [];
  for (const entry of listZip(file)) {
    const target = path.resolve(root, entry.name);
    if (target !== root && !target.startsWith(root + path.sep)) {
      throw new FormatError(`${file}: entry "${entry.name}" would be written outside ${to}`, {
        context: { file, field: entry.name },
      });
    }
    if (entry.isDirectory) {
      fs.mkdirSync(target, { recursive: true });
      continue;
    }
    if (entry.method !== 0 && entry.method !== 8) {
      throw new FormatError(`${file}: entry "${entry.name}" uses compression method ${entry.method}`, {
        context: { file, field: entry.name },
      });
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const start = dataStart(file, entry);
    let crc = 0;
    let size = 0;
    const partial = `${target}.part`;
    const source = fs.createReadStream(file, { start, end: start + entry.compressedSize - 1 });
    if (options.onBytes) source.on('data', (chunk) => options.onBytes?.(chunk.length));
    const check = async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        crc = crc32(chunk, crc);
        size += chunk.length;
        yield chunk;
      }
    };
    const output = fs.createWriteStream(partial);
    try {
      if (entry.compressedSize === 0) output.end();
      else if (entry.method === 8) await pipeline(source, createInflateRaw(), check, output);
      else await pipeline(source, check, output);
    } catch (error) {
      fs.rmSync(partial, { force: true });
      throw new FormatError(`${file}: entry "${entry.name}" cannot be inflated: ${(error as Error).message}`, {
        cause: error,
        context: { file, field: entry.name },
      });
    }
    if (crc >>> 0 !== entry.crc >>> 0 || size !== entry.size) {
      fs.rmSync(partial, { force: true });
      throw new FormatError(`${file}: entry "${entry.name}" is damaged (CRC-32 or size mismatch)`, {
        context: { file, field: entry.name },
      });
    }
    fs.renameSync(partial, target);
    written.push(target);
  }
  return written;
}

/** Where an entry's data begins: after its local header, whose name and extra lengths may differ from the central one. */
function dataStart(file: string, entry: ZipEntry): number {
  const fd = fs.openSync(file, 'r');
  try {
    const header = readAt(fd, entry.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== localHeader) {
      throw new FormatError(`${file}: the local header of "${entry.name}" is damaged`, { context: { file } });
    }
    return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  } finally {
    fs.closeSync(fd);
  }
}

// The model file format: a fixed header (magic, format version, CRC32 checksum), a JSON header naming the model,
// its parameters and arrays, then the raw little-endian typed arrays, each 8-byte aligned.
//
//   bytes 0..7   "LMRECMDL"        bytes 8..11  format version (u32)
//   bytes 12..15 CRC32 of byte 16 onwards      bytes 16..19 JSON header length (u32)
//   JSON header {name, params, meta, arrays: [{name, type, length, offset}]}, then array data.

import { readFile, rename, writeFile } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { FormatError } from '../core/errors.ts';
import type { ModelSnapshot } from './recommender.ts';

export const modelFileMagic = 'LMRECMDL';
export const modelFormatVersion = 1;

type ArrayType = ModelSnapshot['arrays'][string];
const arrayTypes = { Float32Array, Float64Array, Int32Array, Uint32Array, Uint8Array } as const;
type ArrayTypeName = keyof typeof arrayTypes;

interface ArrayEntry {
  name: string;
  type: ArrayTypeName;
  length: number;
  offset: number;
}

const align = (value: number) => Math.ceil(value / 8) * 8;

/** Serialises a snapshot to the model file format. */
export function encodeModel(snapshot: ModelSnapshot): Uint8Array {
  const entries: ArrayEntry[] = [];
  let offset = 0;
  for (const [name, array] of Object.entries(snapshot.arrays)) {
    entries.push({ name, type: array.constructor.name as ArrayTypeName, length: array.length, offset });
    offset = align(offset + array.byteLength);
  }
  const json = new TextEncoder().encode(
    JSON.stringify({ name: snapshot.name, params: snapshot.params, meta: snapshot.meta, arrays: entries }),
  );
  const dataStart = align(20 + json.length);
  const bytes = new Uint8Array(dataStart + offset);
  bytes.set(new TextEncoder().encode(modelFileMagic), 0);
  const view = new DataView(bytes.buffer);
  view.setUint32(8, modelFormatVersion, true);
  view.setUint32(16, json.length, true);
  bytes.set(json, 20);
  for (const entry of entries) {
    const array = snapshot.arrays[entry.name];
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), dataStart + entry.offset);
  }
  view.setUint32(12, crc32(bytes.subarray(16)), true);
  return bytes;
}

/** Parses the model file format; throws FormatError (naming `source`) on a wrong magic, version or checksum. */
export function decodeModel(bytes: Uint8Array, source = 'model file'): ModelSnapshot {
  const fail = (message: string, cause?: unknown): never => {
    throw new FormatError(`${source}: ${message}`, { cause, context: { file: source } });
  };
  if (bytes.length < 20 || new TextDecoder().decode(bytes.subarray(0, 8)) !== modelFileMagic) {
    fail('not an lmrec model file (bad magic)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== modelFormatVersion) {
    fail(`model format version ${version} is not supported (this lmrec reads version ${modelFormatVersion})`);
  }
  if (view.getUint32(12, true) !== crc32(bytes.subarray(16)))
    fail('checksum mismatch: the file is corrupt or truncated');
  const jsonLength = view.getUint32(16, true);
  let header: { name: string; params: Record<string, unknown>; meta: Record<string, unknown>; arrays: ArrayEntry[] };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + jsonLength)));
  } catch (error) {
    return fail('unreadable header', error);
  }
  const dataStart = align(20 + jsonLength);
  const arrays: Record<string, ArrayType> = {};
  for (const entry of header.arrays) {
    const Type = arrayTypes[entry.type];
    if (!Type) fail(`array "${entry.name}" has unknown type ${entry.type}`);
    const start = dataStart + entry.offset;
    const byteLength = entry.length * Type.BYTES_PER_ELEMENT;
    if (start + byteLength > bytes.length) fail(`array "${entry.name}" runs past the end of the file`);
    // Copy into a fresh, aligned buffer: the file's bytes may sit at any offset.
    const copy = new Uint8Array(byteLength);
    copy.set(bytes.subarray(start, start + byteLength));
    arrays[entry.name] = new Type(copy.buffer);
  }
  return { name: header.name, params: header.params, meta: header.meta, arrays };
}

/** Writes a snapshot to `path` atomically (a temporary file, then rename). */
export async function writeModelFile(path: string, snapshot: ModelSnapshot): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, encodeModel(snapshot));
  await rename(temporary, path);
}

/** Reads and checks a model file. */
export async function readModelFile(path: string): Promise<ModelSnapshot> {
  return decodeModel(await readFile(path), path);
}

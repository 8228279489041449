// The bundle blob: "LMRECBND", a format version, a JSON header (ids, model names and parameters, array table), then
// the typed arrays of every model snapshot 8-byte aligned, so loading is one copy and no parsing of numbers.

import { FormatError } from '../core/errors.ts';
import { IdMap } from '../core/id-map.ts';
import type { Model, ModelSnapshot } from '../models/recommender.ts';
import { ModelBundle, type ModelRegistry } from './model-bundle.ts';

const magic = 'LMRECBND';
export const bundleFormatVersion = 1;

const arrayTypes = { Float32Array, Float64Array, Int32Array, Uint32Array, Uint8Array } as const;
type ArrayTypeName = keyof typeof arrayTypes;
type TypedArray = ModelSnapshot['arrays'][string];

interface ArrayEntry {
  type: ArrayTypeName;
  offset: number;
  length: number;
}

interface Header {
  trainedAt: number;
  cutoff: number;
  users: string[];
  items: string[];
  typeWeights: Array<[string, number]>;
  activeUsers: string[];
  stats: { positives: ArrayEntry; exposures: ArrayEntry };
  models: Array<{
    key: string;
    name: string;
    params: Record<string, unknown>;
    meta: Record<string, unknown>;
    arrays: Record<string, ArrayEntry>;
  }>;
}

const align = (value: number) => Math.ceil(value / 8) * 8;

export function encodeBundle(bundle: ModelBundle): Uint8Array {
  const arrays: TypedArray[] = [];
  let offset = 0;
  const add = (array: TypedArray): ArrayEntry => {
    const entry = { type: array.constructor.name as ArrayTypeName, offset, length: array.length };
    arrays.push(array);
    offset = align(offset + array.byteLength);
    return entry;
  };
  const header: Header = {
    trainedAt: bundle.trainedAt,
    cutoff: bundle.cutoff,
    users: [...bundle.users.ids()],
    items: [...bundle.items.ids()],
    typeWeights: [...bundle.typeWeights],
    activeUsers: [...bundle.activeUsers],
    stats: { positives: add(bundle.itemPositives), exposures: add(bundle.itemExposures) },
    models: [...bundle.models].map(([key, model]) => {
      const snapshot = model.snapshot();
      return {
        key,
        name: snapshot.name,
        params: snapshot.params,
        meta: snapshot.meta,
        arrays: Object.fromEntries(Object.entries(snapshot.arrays).map(([name, array]) => [name, add(array)])),
      };
    }),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = align(16 + json.length);
  const bytes = new Uint8Array(dataStart + offset);
  bytes.set(new TextEncoder().encode(magic), 0);
  const view = new DataView(bytes.buffer);
  view.setUint32(8, bundleFormatVersion, true);
  view.setUint32(12, json.length, true);
  bytes.set(json, 16);
  let position = dataStart;
  for (const array of arrays) {
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), position);
    position = align(position + array.byteLength);
  }
  return bytes;
}

/** Restores a bundle; each model through its recommender's `load`. `source` names the blob in errors. */
export function decodeBundle(options: {
  bytes: Uint8Array;
  registry: ModelRegistry;
  version: number;
  source?: string;
}): ModelBundle {
  const source = options.source ?? 'model bundle';
  const fail = (message: string, cause?: unknown): never => {
    throw new FormatError(`${source}: ${message}`, { cause, context: { file: source } });
  };
  // One aligned copy: typed-array views need aligned offsets, and the store's buffer may be shared or unaligned.
  const bytes = new Uint8Array(options.bytes.byteLength);
  bytes.set(options.bytes);
  if (bytes.length < 16 || new TextDecoder().decode(bytes.subarray(0, 8)) !== magic) fail('not a model bundle');
  const view = new DataView(bytes.buffer);
  const formatVersion = view.getUint32(8, true);
  if (formatVersion !== bundleFormatVersion) {
    fail(`bundle format ${formatVersion} is not supported (this lmrec reads ${bundleFormatVersion}); retrain`);
  }
  const jsonLength = view.getUint32(12, true);
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + jsonLength))) as Header;
  } catch (error) {
    return fail('unreadable header', error);
  }
  const dataStart = align(16 + jsonLength);
  const read = (entry: ArrayEntry): TypedArray => {
    const Type = arrayTypes[entry.type];
    if (!Type) fail(`unknown array type ${entry.type}`);
    const start = dataStart + entry.offset;
    if (start + entry.length * Type.BYTES_PER_ELEMENT > bytes.length) fail('truncated');
    return new Type(bytes.buffer, start, entry.length);
  };
  const models = new Map<string, Model>();
  for (const entry of header.models) {
    const recommender = options.registry.get(entry.name);
    if (!recommender) fail(`model "${entry.name}" is not in this lmrec's registry; retrain`);
    const arrays = Object.fromEntries(Object.entries(entry.arrays).map(([name, array]) => [name, read(array)]));
    models.set(entry.key, recommender!.load({ name: entry.name, params: entry.params, meta: entry.meta, arrays }));
  }
  return new ModelBundle({
    version: options.version,
    trainedAt: header.trainedAt,
    cutoff: header.cutoff,
    users: IdMap.from(header.users),
    items: IdMap.from(header.items),
    models,
    itemPositives: read(header.stats.positives) as Float32Array,
    itemExposures: read(header.stats.exposures) as Float32Array,
    typeWeights: new Map(header.typeWeights),
    activeUsers: header.activeUsers ?? [],
  });
}

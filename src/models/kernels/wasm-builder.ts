// A minimal WebAssembly module emitter, so the numeric kernels can use 128-bit SIMD without a toolchain.
// Kernels are written as opcode lists (see wasm-kernels.ts); the module imports one shared memory.

/** One function: i32 parameters, locals by type, a body of raw bytes, an optional f32 result. */
export interface WasmFunction {
  name: string;
  /** Parameter types, in order (0x7f i32, 0x7d f32). */
  params: number[];
  /** Result type, or none. */
  result?: number;
  /** Extra locals after the parameters, by type. */
  locals: number[];
  body: number[];
}

export const type = { i32: 0x7f, f32: 0x7d, v128: 0x7b } as const;

/** Unsigned LEB128. */
export function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

/** Signed LEB128 for i32 constants. */
export function sleb(value: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function vector(entries: number[][]): number[] {
  return [...uleb(entries.length), ...entries.flat()];
}

function text(value: string): number[] {
  const bytes = [...new TextEncoder().encode(value)];
  return [...uleb(bytes.length), ...bytes];
}

/** Encodes a module that imports `env.memory` (shared, up to `maximumPages` of 64 KiB) and exports the functions. */
export function buildModule(functions: WasmFunction[], maximumPages: number): Uint8Array<ArrayBuffer> {
  const types = functions.map((fn) => [
    0x60,
    ...vector(fn.params.map((param) => [param])),
    ...(fn.result === undefined ? [0] : [1, fn.result]),
  ]);
  // Memory import: limits flag 0x03 = shared with a maximum.
  const memoryImport = [...text('env'), ...text('memory'), 0x02, 0x03, ...uleb(1), ...uleb(maximumPages)];
  const bodies = functions.map((fn) => {
    const locals = groupLocals(fn.locals);
    const code = [...vector(locals.map(([count, kind]) => [...uleb(count), kind])), ...fn.body, 0x0b];
    return [...uleb(code.length), ...code];
  });
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(2, vector([memoryImport])),
    ...section(3, vector(functions.map((_, index) => uleb(index)))),
    ...section(7, vector(functions.map((fn, index) => [...text(fn.name), 0x00, ...uleb(index)]))),
    ...section(10, vector(bodies)),
  ];
  return Uint8Array.from(bytes);
}

function groupLocals(locals: number[]): [number, number][] {
  const groups: [number, number][] = [];
  for (const kind of locals) {
    const last = groups.at(-1);
    if (last && last[1] === kind) last[0]++;
    else groups.push([1, kind]);
  }
  return groups;
}

const memory = (opcode: number[], align: number, offset: number) => [...opcode, align, ...uleb(offset)];

/** Opcode helpers; each returns the bytes of one instruction. */
export const op = {
  get: (local: number) => [0x20, ...uleb(local)],
  set: (local: number) => [0x21, ...uleb(local)],
  tee: (local: number) => [0x22, ...uleb(local)],
  i32: (value: number) => [0x41, ...sleb(value)],
  f32: (value: number) => [0x43, ...new Uint8Array(Float32Array.of(value).buffer)],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  i32Shl: [0x74],
  i32LtS: [0x48],
  i32GeS: [0x4e],
  i32GeU: [0x4f],
  i32Eqz: [0x45],
  i32Load: (offset = 0) => memory([0x28], 2, offset),
  f32Load: (offset = 0) => memory([0x2a], 2, offset),
  f32Store: (offset = 0) => memory([0x38], 2, offset),
  f32Add: [0x92],
  f32Sub: [0x93],
  f32Mul: [0x94],
  f32Div: [0x95],
  f32Sqrt: [0x91],
  v128Load: (offset = 0) => memory([0xfd, 0x00], 4, offset),
  v128Store: (offset = 0) => memory([0xfd, 0x0b], 4, offset),
  v128Zero: [0xfd, 0x0c, ...new Array(16).fill(0)],
  f32x4Splat: [0xfd, 0x13],
  f32x4Extract: (lane: number) => [0xfd, 0x1f, lane],
  f32x4Add: [0xfd, 0xe4, 0x01],
  f32x4Sub: [0xfd, 0xe5, 0x01],
  f32x4Mul: [0xfd, 0xe6, 0x01],
  drop: [0x1a],
  end: [0x0b],
  ifVoid: [0x04, 0x40],
  else: [0x05],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  return: [0x0f],
};

/** `for (counter = from; counter < limit; counter += step) body`, with i32 locals; `from` is bytes to push. */
export function forLoop(options: { counter: number; from: number[]; limit: number[]; step: number; body: number[] }) {
  return [
    ...options.from,
    ...op.set(options.counter),
    ...[0x02, 0x40, 0x03, 0x40],
    ...op.get(options.counter),
    ...options.limit,
    ...op.i32GeS,
    ...op.brIf(1),
    ...options.body,
    ...op.get(options.counter),
    ...op.i32(options.step),
    ...op.i32Add,
    ...op.set(options.counter),
    ...op.br(0),
    ...op.end,
    ...op.end,
  ];
}

/** Sum of the four lanes of the v128 on the stack, kept in local `scratch` (v128). */
export function horizontalSum(scratch: number): number[] {
  return [
    ...op.tee(scratch),
    ...op.f32x4Extract(0),
    ...op.get(scratch),
    ...op.f32x4Extract(1),
    ...op.f32Add,
    ...op.get(scratch),
    ...op.f32x4Extract(2),
    ...op.f32Add,
    ...op.get(scratch),
    ...op.f32x4Extract(3),
    ...op.f32Add,
  ];
}

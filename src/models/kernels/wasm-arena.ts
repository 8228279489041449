// A shared WebAssembly memory with a bump allocator: models put their dense arrays here so the SIMD kernels
// (and worker threads, which attach to the same memory) work on them in place.

import { type KernelExports, kernelModule } from './wasm-kernels.ts';

const pageBytes = 65536;
const maximumPages = 65536;

export class WasmArena {
  readonly memory: WebAssembly.Memory;
  readonly kernels: KernelExports;
  #top: number;

  private constructor(memory: WebAssembly.Memory, top: number) {
    this.memory = memory;
    this.#top = top;
    const instance = new WebAssembly.Instance(kernelModule, { env: { memory } });
    this.kernels = instance.exports as unknown as KernelExports;
  }

  /** A new shared memory of at least `bytes` bytes (it grows on demand). */
  static create(bytes = pageBytes): WasmArena {
    const pages = Math.max(1, Math.ceil((bytes + 64) / pageBytes));
    return new WasmArena(new WebAssembly.Memory({ initial: pages, maximum: maximumPages, shared: true }), 64);
  }

  /** The same memory seen from another thread (which must not allocate). */
  static attach(memory: WebAssembly.Memory): WasmArena {
    return new WasmArena(memory, Number.POSITIVE_INFINITY);
  }

  float32(length: number): Float32Array {
    const offset = this.#allocate(length * 4);
    return new Float32Array(this.memory.buffer, offset, length);
  }

  int32(length: number): Int32Array {
    const offset = this.#allocate(length * 4);
    return new Int32Array(this.memory.buffer, offset, length);
  }

  /** A Float32Array view of an array allocated here, for a thread that received its byte offset. */
  view(offset: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, offset, length);
  }

  #allocate(bytes: number): number {
    if (!Number.isFinite(this.#top)) throw new Error('an attached arena cannot allocate');
    const offset = this.#top;
    this.#top = Math.ceil((offset + bytes) / 64) * 64;
    const needed = Math.ceil(this.#top / pageBytes) - this.memory.buffer.byteLength / pageBytes;
    if (needed > 0) this.memory.grow(needed);
    return offset;
  }
}

/** Row stride in floats: `dimension` rounded up to a multiple of 4, as the f32x4 kernels need. */
export function paddedStride(dimension: number): number {
  return Math.ceil(dimension / 4) * 4;
}

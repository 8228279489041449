// Carves one Float32Array (usually a region of a shared WebAssembly memory) into aligned sub-arrays, in a fixed
// order, so a worker thread can rebuild the same views from the region's offset. A bump with no buffer only measures.

export class FloatBump {
  readonly #buffer: Float32Array | null;
  #next = 0;

  constructor(buffer: Float32Array | null) {
    this.#buffer = buffer;
  }

  /** A measuring bump: `take` returns zero-length arrays and `used` grows. */
  static measure(): FloatBump {
    return new FloatBump(null);
  }

  /** `length` floats, starting on a 16-byte boundary (the SIMD kernels' row alignment). */
  take(length: number): Float32Array {
    const start = Math.ceil(this.#next / 4) * 4;
    this.#next = start + length;
    if (!this.#buffer) return new Float32Array(0);
    if (this.#next > this.#buffer.length) {
      throw new RangeError(`bump region of ${this.#buffer.length} floats overflowed (${this.#next} needed)`);
    }
    return this.#buffer.subarray(start, start + length);
  }

  /** Forgets every array taken (they will be handed out again). */
  reset(): void {
    this.#next = 0;
  }

  /** Floats taken so far, alignment included. */
  get used(): number {
    return Math.ceil(this.#next / 4) * 4;
  }
}

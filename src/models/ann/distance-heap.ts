// A binary heap of (node, distance) pairs on typed arrays, min- or max-ordered, for HNSW's candidate and result sets.

export class DistanceHeap {
  nodes: Int32Array;
  distances: Float32Array;
  size = 0;
  /** +1: smallest distance on top; −1: largest on top. */
  readonly #sign: number;

  constructor(capacity: number, order: 'min' | 'max') {
    this.nodes = new Int32Array(Math.max(4, capacity));
    this.distances = new Float32Array(Math.max(4, capacity));
    this.#sign = order === 'min' ? 1 : -1;
  }

  clear(): void {
    this.size = 0;
  }

  get topNode(): number {
    return this.nodes[0];
  }

  get topDistance(): number {
    return this.distances[0];
  }

  push(node: number, distance: number): void {
    if (this.size === this.nodes.length) this.#grow();
    let position = this.size++;
    const sign = this.#sign;
    while (position > 0) {
      const parent = (position - 1) >> 1;
      if (sign * this.distances[parent] <= sign * distance) break;
      this.nodes[position] = this.nodes[parent];
      this.distances[position] = this.distances[parent];
      position = parent;
    }
    this.nodes[position] = node;
    this.distances[position] = distance;
  }

  pop(): void {
    const last = --this.size;
    if (last <= 0) return;
    const node = this.nodes[last];
    const distance = this.distances[last];
    const sign = this.#sign;
    let position = 0;
    for (;;) {
      let child = 2 * position + 1;
      if (child >= last) break;
      if (child + 1 < last && sign * this.distances[child + 1] < sign * this.distances[child]) child++;
      if (sign * this.distances[child] >= sign * distance) break;
      this.nodes[position] = this.nodes[child];
      this.distances[position] = this.distances[child];
      position = child;
    }
    this.nodes[position] = node;
    this.distances[position] = distance;
  }

  #grow(): void {
    const nodes = new Int32Array(this.nodes.length * 2);
    const distances = new Float32Array(this.nodes.length * 2);
    nodes.set(this.nodes);
    distances.set(this.distances);
    this.nodes = nodes;
    this.distances = distances;
  }
}

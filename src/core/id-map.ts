// A two-way map between external string ids and contiguous integer indices 0..n-1.

export class IdMap {
  readonly #index = new Map<string, number>();
  readonly #ids: string[] = [];

  static from(ids: Iterable<string>): IdMap {
    const map = new IdMap();
    for (const id of ids) map.add(id);
    return map;
  }

  get size(): number {
    return this.#ids.length;
  }

  /** The index of `id`, adding it when new. */
  add(id: string): number {
    let index = this.#index.get(id);
    if (index === undefined) {
      index = this.#ids.length;
      this.#index.set(id, index);
      this.#ids.push(id);
    }
    return index;
  }

  /** The index of `id`, or -1. */
  indexOf(id: string): number {
    return this.#index.get(id) ?? -1;
  }

  has(id: string): boolean {
    return this.#index.has(id);
  }

  idAt(index: number): string {
    const id = this.#ids[index];
    if (id === undefined) throw new RangeError(`no id at index ${index} (size ${this.#ids.length})`);
    return id;
  }

  ids(): readonly string[] {
    return this.#ids;
  }
}

// Simulated events in columns (typed arrays), so that a few hundred thousand of them stay small and sort fast
// before they are written to the store.

export const eventTypes = ['impression', 'click', 'cart', 'purchase'] as const;
export type EventType = (typeof eventTypes)[number];
export const eventSources = ['home', 'search'] as const;
export type EventSource = (typeof eventSources)[number];

/** One event as the simulation appends it. */
export interface EventRecord {
  user: number;
  item: number;
  type: number;
  time: number;
  position: number;
  source: number;
  /** Marginal probability that the logging policy showed this item at this position (1 for search). */
  propensity: number;
  request: number;
  /** 0 mobile, 1 desktop. */
  device: number;
  explore: boolean;
  /** Category index searched for, −1 on the home feed. */
  query: number;
  /** Search sort order (index into `searchSorts`), 0 on the home feed. */
  sort: number;
}

export class EventLog {
  length = 0;
  user = new Int32Array(1 << 16);
  item = new Int32Array(1 << 16);
  type = new Uint8Array(1 << 16);
  time = new Float64Array(1 << 16);
  position = new Uint8Array(1 << 16);
  source = new Uint8Array(1 << 16);
  propensity = new Float64Array(1 << 16);
  request = new Int32Array(1 << 16);
  device = new Uint8Array(1 << 16);
  explore = new Uint8Array(1 << 16);
  query = new Int16Array(1 << 16);
  sort = new Uint8Array(1 << 16);

  push(event: EventRecord): void {
    if (this.length === this.user.length) this.#grow();
    const k = this.length++;
    this.user[k] = event.user;
    this.item[k] = event.item;
    this.type[k] = event.type;
    this.time[k] = event.time;
    this.position[k] = event.position;
    this.source[k] = event.source;
    this.propensity[k] = event.propensity;
    this.request[k] = event.request;
    this.device[k] = event.device;
    this.explore[k] = event.explore ? 1 : 0;
    this.query[k] = event.query;
    this.sort[k] = event.sort;
  }

  #grow(): void {
    const size = this.user.length * 2;
    const grow = <T extends { length: number; set(array: T): void }>(array: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(array);
      return next;
    };
    this.user = grow(this.user, (n) => new Int32Array(n));
    this.item = grow(this.item, (n) => new Int32Array(n));
    this.type = grow(this.type, (n) => new Uint8Array(n));
    this.time = grow(this.time, (n) => new Float64Array(n));
    this.position = grow(this.position, (n) => new Uint8Array(n));
    this.source = grow(this.source, (n) => new Uint8Array(n));
    this.propensity = grow(this.propensity, (n) => new Float64Array(n));
    this.request = grow(this.request, (n) => new Int32Array(n));
    this.device = grow(this.device, (n) => new Uint8Array(n));
    this.explore = grow(this.explore, (n) => new Uint8Array(n));
    this.query = grow(this.query, (n) => new Int16Array(n));
    this.sort = grow(this.sort, (n) => new Uint8Array(n));
  }

  /** Event indexes in time order (ties keep the order of appending). */
  order(): Int32Array {
    const indexes = new Int32Array(this.length);
    for (let k = 0; k < this.length; k++) indexes[k] = k;
    indexes.sort((a, b) => this.time[a] - this.time[b] || a - b);
    return indexes;
  }

  /** Events per type name. */
  countByType(): Record<EventType, number> {
    const counts = { impression: 0, click: 0, cart: 0, purchase: 0 };
    for (let k = 0; k < this.length; k++) counts[eventTypes[this.type[k]]]++;
    return counts;
  }
}

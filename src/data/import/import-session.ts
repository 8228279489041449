// One import run: batches items, users and events into the Store inside a single transaction, applies the error
// policy to malformed rows, reports progress by bytes, and sums up what happened.

import path from 'node:path';
import { InvalidInputError } from '../../core/errors.ts';
import { type Progress, silentProgress } from '../../core/progress.ts';
import type { FeedbackType, Item, User } from '../../core/types.ts';
import type { FeedbackInput, Store } from '../../store/store.ts';
import { fileSize } from './text-source.ts';

/** fail: the first malformed row stops the import and nothing of it is kept; skip: such rows are counted and listed. */
export type ErrorPolicy = 'fail' | 'skip';

export interface ImportOptions {
  /** What a malformed row does (default `fail`). */
  onError?: ErrorPolicy;
  /** Receives one phase per file, measured in bytes read. */
  progress?: Progress;
  /**
   * Events per write to the store (default 50,000). Large batches let the SQLite adapter insert in key order, which
   * matters for time-ordered logs (see bench:data); memory grows with the batch (about 200 bytes per event).
   */
  batchSize?: number;
  /**
   * accumulate (default): every event is kept, and an event already stored (same user, item, type and time) is
   * counted as a duplicate, so re-importing a file changes nothing. overwrite: one event per (user, item, type).
   */
  mode?: 'accumulate' | 'overwrite';
  /** How many skipped rows the report lists (default 100); all of them are counted. */
  listSkipped?: number;
  /** Feedback types to register (or update) first, inside the same transaction: the configured ones. */
  feedbackTypes?: readonly FeedbackType[];
}

/** A row left out under `--on-error skip`. */
export interface SkippedRow {
  file: string;
  line: number;
  field?: string;
  problem: string;
}

export interface ImportReport {
  format: string;
  files: string[];
  /** Items and users written (created or updated). */
  items: number;
  users: number;
  /** Valid feedback events read. */
  events: number;
  /** Events stored now, and events that were already in the store. */
  stored: number;
  duplicates: number;
  skipped: number;
  skippedRows: SkippedRow[];
  /** Remarks worth showing: time taken from row order, items left out, … */
  notes: string[];
  seconds: number;
}

/** Where a problem is: file, line and (when known) field. */
export interface RowPlace {
  file: string;
  line: number;
  field?: string;
}

/** `ratings.csv line 57, field "rating": "four" is not a number`. */
export function rowMessage(place: RowPlace, problem: string): string {
  return `${place.file} line ${place.line}${place.field ? `, field "${place.field}"` : ''}: ${problem}`;
}

export class ImportSession {
  readonly store: Store;
  readonly format: string;
  /** Names of the feedback types the store knows. */
  readonly knownTypes: ReadonlySet<string>;
  readonly #options: Required<Omit<ImportOptions, 'progress' | 'feedbackTypes'>> & { progress: Progress };
  readonly #events: FeedbackInput[] = [];
  readonly #items: Item[] = [];
  readonly #users: User[] = [];
  readonly #files: string[] = [];
  readonly #notes: string[] = [];
  readonly #skippedRows: SkippedRow[] = [];
  readonly #started = Date.now();
  #skipped = 0;
  #eventCount = 0;
  #stored = 0;
  #duplicates = 0;
  #itemCount = 0;
  #userCount = 0;
  #fileRows = 0;

  constructor(options: { store: Store; format: string; knownTypes: ReadonlySet<string>; options?: ImportOptions }) {
    const given = options.options ?? {};
    this.store = options.store;
    this.format = options.format;
    this.knownTypes = options.knownTypes;
    this.#options = {
      onError: given.onError ?? 'fail',
      progress: given.progress ?? silentProgress,
      batchSize: given.batchSize ?? 50_000,
      mode: given.mode ?? 'accumulate',
      listSkipped: given.listSkipped ?? 100,
    };
    if (!['fail', 'skip'].includes(this.#options.onError)) {
      throw new InvalidInputError(`on-error must be fail or skip (got ${JSON.stringify(given.onError)})`, {
        context: { field: 'onError' },
      });
    }
    if (!['accumulate', 'overwrite'].includes(this.#options.mode)) {
      throw new InvalidInputError(`mode must be accumulate or overwrite (got ${JSON.stringify(given.mode)})`, {
        context: { field: 'mode' },
      });
    }
  }

  /** Starts a progress phase for `file` and returns the byte counter to hand to the reader. */
  beginFile(file: string, what = 'rows'): (bytes: number) => void {
    this.#files.push(file);
    this.#fileRows = 0;
    const progress = this.#options.progress;
    progress.start(`${path.basename(file)} (${what})`, fileSize(file));
    return (bytes) => progress.tick(bytes);
  }

  endFile(): void {
    this.#options.progress.done(`${this.#fileRows.toLocaleString('en-US')} rows`);
  }

  /** A malformed row: throws under `fail`, counts and remembers it under `skip`. */
  problem(place: RowPlace, problem: string): void {
    if (this.#options.onError === 'fail') {
      throw new InvalidInputError(rowMessage(place, problem), { context: { ...place } });
    }
    this.#skipped++;
    if (this.#skippedRows.length < this.#options.listSkipped) this.#skippedRows.push({ ...place, problem });
  }

  note(message: string): void {
    this.#notes.push(message);
    this.#options.progress.note(message);
  }

  async addEvent(event: FeedbackInput): Promise<void> {
    this.#events.push(event);
    this.#eventCount++;
    this.#fileRows++;
    if (this.#events.length >= this.#options.batchSize) await this.#flushEvents();
  }

  async addItem(item: Item): Promise<void> {
    this.#items.push(item);
    this.#fileRows++;
    if (this.#items.length >= 500) await this.#flushItems();
  }

  async addUser(user: User): Promise<void> {
    this.#users.push(user);
    this.#fileRows++;
    if (this.#users.length >= 2000) await this.#flushUsers();
  }

  /** Writes everything still buffered: items and users first, so events land on described entities. */
  async flush(): Promise<void> {
    await this.#flushItems();
    await this.#flushUsers();
    await this.#flushEvents();
  }

  async #flushEvents(): Promise<void> {
    if (this.#events.length === 0) return;
    // Catalog rows go first so that the events' users and items keep their descriptions.
    await this.#flushItems();
    await this.#flushUsers();
    const result = await this.store.feedback.add(this.#events, { mode: this.#options.mode });
    this.#stored += result.stored;
    this.#duplicates += result.duplicates;
    this.#events.length = 0;
  }

  async #flushItems(): Promise<void> {
    if (this.#items.length === 0) return;
    this.#itemCount += await this.store.items.upsert(this.#items);
    this.#items.length = 0;
  }

  async #flushUsers(): Promise<void> {
    if (this.#users.length === 0) return;
    this.#userCount += await this.store.users.upsert(this.#users);
    this.#users.length = 0;
  }

  report(): ImportReport {
    return {
      format: this.format,
      files: [...this.#files],
      items: this.#itemCount,
      users: this.#userCount,
      events: this.#eventCount,
      stored: this.#stored,
      duplicates: this.#duplicates,
      skipped: this.#skipped,
      skippedRows: [...this.#skippedRows],
      notes: [...this.#notes],
      seconds: (Date.now() - this.#started) / 1000,
    };
  }
}

/**
 * Runs one import in one store transaction: all of it lands or none of it does, also when the process is killed.
 * `work` reads the files and feeds the session.
 */
export async function runImport(options: {
  store: Store;
  format: string;
  options?: ImportOptions;
  work: (session: ImportSession) => Promise<void>;
}): Promise<ImportReport> {
  return options.store.transaction(async (transaction) => {
    if (options.options?.feedbackTypes?.length) await transaction.defineFeedbackTypes(options.options.feedbackTypes);
    const knownTypes = new Set((await transaction.feedback.types()).map((type) => type.name));
    const session = new ImportSession({
      store: transaction,
      format: options.format,
      knownTypes,
      options: options.options,
    });
    await options.work(session);
    await session.flush();
    return session.report();
  });
}

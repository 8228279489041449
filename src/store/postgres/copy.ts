// COPY … FROM STDIN for pg without another dependency: a submittable query that streams text-format rows when the
// server asks for them. Bulk writes stage through it, an order of magnitude faster than multi-row INSERTs.

import type { PoolClient } from 'pg';

/** A value in one COPY text-format cell. */
export type CopyValue = string | number | boolean | null | undefined | Uint8Array;

interface BackendConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

class CopyFromQuery {
  readonly text: string;
  readonly #chunks: Buffer[];
  readonly done: Promise<number>;
  #resolve!: (rows: number) => void;
  #reject!: (error: Error) => void;
  #rows = 0;

  constructor(text: string, chunks: Buffer[]) {
    this.text = text;
    this.#chunks = chunks;
    this.done = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  submit(connection: BackendConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: BackendConnection): void {
    for (const chunk of this.#chunks) connection.sendCopyFromChunk(chunk);
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text: string }): void {
    const match = /COPY (\d+)/.exec(message.text);
    if (match) this.#rows = Number(match[1]);
  }

  handleReadyForQuery(): void {
    this.#resolve(this.#rows);
  }

  handleError(error: Error): void {
    this.#reject(error);
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/** Streams `rows` into `table (columns)` with COPY; returns the number of rows copied. */
export async function copyRows(options: {
  client: PoolClient;
  /** Table name, already quoted where needed. */
  table: string;
  columns: readonly string[];
  rows: Iterable<readonly CopyValue[]>;
}): Promise<number> {
  const chunks: Buffer[] = [];
  let buffer: string[] = [];
  let length = 0;
  for (const row of options.rows) {
    const line = `${row.map(copyCell).join('\t')}\n`;
    buffer.push(line);
    length += line.length;
    if (length > 1 << 20) {
      chunks.push(Buffer.from(buffer.join(''), 'utf8'));
      buffer = [];
      length = 0;
    }
  }
  if (buffer.length) chunks.push(Buffer.from(buffer.join(''), 'utf8'));
  const query = new CopyFromQuery(
    `COPY ${options.table} (${options.columns.join(', ')}) FROM STDIN WITH (FORMAT text)`,
    chunks,
  );
  (options.client as unknown as { query(query: CopyFromQuery): void }).query(query);
  return query.done;
}

/** One cell in COPY's text format: \N for null, backslash escapes for the separators. */
export function copyCell(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : value < 0 ? '-Infinity' : 'NaN';
    return String(value);
  }
  if (value instanceof Uint8Array)
    return `\\\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  // PostgreSQL text cannot hold NUL; it is dropped rather than failing the whole batch.
  return value.replace(/[\\\t\n\r\0]/g, (char) =>
    char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : char === '\r' ? '\\r' : '',
  );
}

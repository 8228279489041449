// Shared pieces of bench:models: timing (wall and CPU seconds), metrics rows, and the table formatting.

import os from 'node:os';

/** Runs `work` and returns its result with wall and CPU seconds (CPU of every thread of this process). */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; seconds: number; cpuSeconds: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One row of the comparison table. */
export interface ResultRow {
  section: string;
  name: string;
  metrics: Record<string, number | string>;
  note?: string;
}

export function markdownTable(rows: readonly ResultRow[]): string {
  const lines: string[] = [];
  let section = '';
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      const keys = Object.keys(row.metrics);
      lines.push(
        '',
        `### ${section}`,
        '',
        `| model | ${keys.join(' | ')} | note |`,
        `|---|${keys.map(() => '---').join('|')}|---|`,
      );
    }
    const values = Object.entries(row.metrics).map(([key, value]) =>
      typeof value !== 'number'
        ? value
        : Number.isInteger(value)
          ? String(value)
          : value.toFixed(/ s$/.test(key) ? 1 : 4),
    );
    lines.push(`| ${row.name} | ${values.join(' | ')} | ${row.note ?? ''} |`);
  }
  return lines.join('\n');
}

export function machine(): Record<string, unknown> {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 1e9),
    loadAverage: os.loadavg().map((value) => Number(value.toFixed(2))),
    node: process.version,
  };
}

export const log = (message: string) => process.stderr.write(`${message}\n`);

/**
 * Rows of `fresh` replace the rows of `existing` with the same section and name, in place; other fresh rows go after
 * the last row of their section (or at the end), so a run of a few models refreshes only theirs.
 */
export function mergeRows(existing: readonly ResultRow[], fresh: readonly ResultRow[]): ResultRow[] {
  const key = (row: ResultRow) => `${row.section}\u0000${row.name}`;
  const freshByKey = new Map(fresh.map((row) => [key(row), row]));
  const merged = existing.map((row) => freshByKey.get(key(row)) ?? row);
  const present = new Set(merged.map(key));
  for (const row of fresh) {
    if (present.has(key(row))) continue;
    let at = merged.length;
    for (let index = merged.length - 1; index >= 0; index--) {
      if (merged[index].section === row.section) {
        at = index + 1;
        break;
      }
    }
    merged.splice(at, 0, row);
    present.add(key(row));
  }
  return merged;
}

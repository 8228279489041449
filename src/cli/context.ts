// What every command shares: global options, the configuration, the store, and output helpers.

import type { Command } from 'commander';
import { type Config, loadConfig } from '../core/config/index.ts';
import type { Progress } from '../core/progress.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { progressBar } from './progress-bar.ts';

export interface GlobalOptions {
  db?: string;
  config?: string;
  debug?: boolean;
  quiet?: boolean;
}

/** The configuration with the command line's global options applied. */
export async function commandConfig(command: Command): Promise<Config> {
  const options = command.optsWithGlobals() as GlobalOptions;
  return loadConfig({ file: options.config, overrides: { db: options.db } });
}

/** Opens the configured store, runs `work`, and always closes it. */
export async function withStore<T>(command: Command, work: (store: Store, config: Config) => Promise<T>): Promise<T> {
  const config = await commandConfig(command);
  const store = await openStore(config.db);
  try {
    return await work(store, config);
  } finally {
    await store.close();
  }
}

export function commandProgress(command: Command): Progress {
  const options = command.optsWithGlobals() as GlobalOptions;
  return progressBar({ quiet: options.quiet });
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain aligned table on stdout. */
export function printTable(rows: Array<Record<string, unknown>>, columns?: string[]): void {
  if (rows.length === 0) return;
  const keys = columns ?? Object.keys(rows[0]);
  const cells = rows.map((row) => keys.map((key) => formatCell(row[key])));
  const widths = keys.map((key, c) => Math.max(key.length, ...cells.map((row) => row[c].length)));
  const line = (values: string[]) =>
    values
      .map((value, c) => value.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${line(keys)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const row of cells) process.stdout.write(`${line(row)}\n`);
}

function formatCell(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(4);
  if (value === null || value === undefined) return '';
  return String(value);
}

// `lmrec enrich …`: offline LLM jobs that write into the store (each on the job runner: progress, --dry-run,
// budgets, resume, no-LLM fallback). Subcommands register from their own files.

import type { Command } from 'commander';
import { registerEnrichQueries } from './enrich-queries.ts';
import { registerEnrichReasons } from './enrich-reasons.ts';

export function registerEnrich(program: Command): void {
  const enrich = program.command('enrich').description('offline LLM jobs that enrich users and items in the store');
  registerEnrichQueries(enrich);
  registerEnrichReasons(enrich);
}

// The flags every offline LLM job shares (`--dry-run`, budgets, `--limit`, …), their parsing, and the report line
// a job prints; `lmrec enrich …` uses them, and so can any command built on runLlmJob.

import type { Command } from 'commander';
import type { BudgetLimits } from '../../llm/usage/budget.ts';
import type { JobReport } from '../../llmrec/jobs/llm-job.ts';
import { printJson } from '../context.ts';
import { numberFlag } from './number-flag.ts';

export interface JobFlags {
  dryRun?: boolean;
  maxCost?: string;
  maxCalls?: string;
  maxTokens?: string;
  limit?: string;
  concurrency?: string;
  force?: boolean;
  fast?: boolean;
  json?: boolean;
}

/** Adds the shared job flags to a command. */
export function addJobFlags(command: Command): Command {
  return command
    .option('--dry-run', 'estimate calls, tokens and cost; make no call and write nothing')
    .option('--max-cost <usd>', 'stop before spending more than this (US dollars)')
    .option('--max-calls <n>', 'stop after this many LLM calls (cache hits are free)')
    .option('--max-tokens <n>', 'stop after this many prompt plus completion tokens')
    .option('--limit <n>', 'at most this many pending units in this run')
    .option('--concurrency <n>', 'units in flight at once', '4')
    .option('--force', 'redo units an earlier run finished')
    .option('--fast', 'use the fast model (LMREC_LLM_FAST) instead of the chat model')
    .option('--json', 'print the job report as JSON');
}

/** The runner options the flags set; every number is range-checked and the error names its flag. */
export function jobOptionsOf(flags: JobFlags): {
  dryRun: boolean;
  budget: BudgetLimits;
  limit?: number;
  concurrency: number;
  force: boolean;
  role: 'chat' | 'fast';
} {
  const budget: BudgetLimits = {};
  if (flags.maxCost !== undefined) budget.maxCostUsd = numberFlag(flags.maxCost, 'max-cost', { min: 0 });
  if (flags.maxCalls !== undefined) budget.maxCalls = integerFlag(flags.maxCalls, 'max-calls', 0);
  if (flags.maxTokens !== undefined) budget.maxTokens = integerFlag(flags.maxTokens, 'max-tokens', 0);
  return {
    dryRun: Boolean(flags.dryRun),
    budget,
    limit: flags.limit !== undefined ? integerFlag(flags.limit, 'limit', 0) : undefined,
    concurrency: integerFlag(flags.concurrency ?? '4', 'concurrency', 1, 64),
    force: Boolean(flags.force),
    role: flags.fast ? 'fast' : 'chat',
  };
}

function integerFlag(text: string, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  return Math.round(numberFlag(text, flag, { min, max }));
}

/** Prints the reports: JSON with --json, else each report's message line on stdout. */
export function printJobReports(reports: readonly JobReport[], flags: JobFlags): void {
  if (flags.json) printJson(reports.length === 1 ? reports[0] : reports);
  else for (const report of reports) process.stdout.write(`${report.message}\n`);
  const hint = reports.find((report) => report.hint)?.hint;
  if (hint && !flags.json) process.stderr.write(`to use an LLM: ${hint}\n`);
}

// The contract of an offline LLM batch job (issue 6: enrich attributes, enrich copy, curate, Q2I, reasons). A job is
// a name, a list of work units, and per unit: the prompts it will send (for the `--dry-run` estimate), the LLM work
// (through `JobLlm`, so every call is cached, budgeted and accounted to the job), a non-LLM fallback, and `apply`,
// which persists the result. `runLlmJob` (run-llm-job.ts) supplies the rest:
//
// - progress: one bar over the pending units (the Progress port; the CLI renders it);
// - cache: every call goes through the gateway's persisted response cache, so a rerun replays finished calls free;
// - `dryRun`: the estimate of calls, tokens and cost for the pending units, with no network call at all;
// - budget: `maxCalls`/`maxTokens`/`maxCostUsd` (JobBudget); the job stops cleanly before the call that would
//   overspend, and the report says how many units are left; a rerun continues where it stopped;
// - resume: `apply` runs in one store transaction with the unit's checkpoint (kv namespace `job:<name>`), so after a
//   SIGKILL a restart skips finished units, and the cache covers calls that finished but were not yet applied;
// - fallback: with no LLM configured (LMREC_LLM unset or `none`) every unit runs `fallback` and the report's
//   `message` says so; a unit whose LLM work fails (invalid output, provider down) falls back on its own.
//
// Writing a job: keep `key(unit)` stable across runs (an item id, a user id, a category); change `version` when
// the output would differ (a new prompt or schema), which redoes every unit; make `apply` write only through the
// store it is handed (the transaction); throw from `run` to fall back for that unit.

import type { Progress } from '../../core/progress.ts';
import type { LlmGateway } from '../../llm/gateway.ts';
import type { ChatMessage, ChatReply, ChatRequest, JsonRequest, JsonResult } from '../../llm/spec.ts';
import type { BudgetLimits } from '../../llm/usage/budget.ts';
import type { Store } from '../../store/store.ts';

/** One request a unit expects to send: what `--dry-run` counts. */
export interface JobPrompt {
  system?: string;
  prompt?: string;
  messages?: ChatMessage[];
  /** Expected completion tokens (default 150). */
  expectedOutputTokens?: number;
}

/** The LLM as a job sees it: every call is tagged with the job (cache, budget, `lmrec llm usage --job`). */
export interface JobLlm {
  /** Schema-valid JSON (zod or JSON Schema), validated and repaired by the gateway. */
  json<T>(request: JsonRequest<T>): Promise<JsonResult<T>>;
  /** Plain text; throws LlmNotConfiguredError rather than returning a no-LLM reply. */
  chat(request: ChatRequest): Promise<ChatReply>;
  /** True when the configured chat model should also get the units' images. */
  readonly vision: boolean;
}

/** Where a unit's result came from. */
export type UnitSource = 'llm' | 'fallback';

export interface ApplyContext {
  /** The store inside the transaction that also records the unit as done: write only through it. */
  store: Store;
  source: UnitSource;
  /** Why the fallback ran (no LLM, or the LLM's failure for this unit). */
  fallbackReason?: string;
}

export interface LlmJob<Unit, Result> {
  /** Names the budget, the usage ledger entry and the checkpoint namespace, e.g. `enrich-attributes`. */
  readonly name: string;
  /** Changing it invalidates every checkpoint (a new prompt or schema). */
  readonly version?: string;
  readonly units: readonly Unit[];
  /** A stable id for the unit across runs. */
  key(unit: Unit): string;
  /** The requests the unit expects to send, for the dry-run estimate (one entry per call). */
  prompts(unit: Unit): JobPrompt[];
  /** The LLM work for one unit; throwing falls back for this unit (a spent budget stops the job instead). */
  run(unit: Unit, llm: JobLlm): Promise<Result>;
  /** The non-LLM result for one unit. */
  fallback(unit: Unit, reason: string): Result | Promise<Result>;
  /** Persists a result through `context.store` (a transaction shared with the unit's checkpoint). */
  apply(unit: Unit, result: Result, context: ApplyContext): Promise<void>;
}

export interface RunJobOptions {
  store: Store;
  /** The gateway (its cache persisted in the store); null or no chat model → every unit falls back. */
  llm: LlmGateway | null;
  budget?: BudgetLimits;
  /** At most this many pending units. */
  limit?: number;
  /** Units in flight at once (default 4). */
  concurrency?: number;
  progress?: Progress;
  /** Estimate only: no network call and no write. */
  dryRun?: boolean;
  /** Redo units already done. */
  force?: boolean;
  /** `chat` (default) or the cheaper `fast` model. */
  role?: 'chat' | 'fast';
  /** Send item images to the chat model (vision) where the job supports it. */
  vision?: boolean;
}

export interface JobEstimate {
  units: number;
  calls: number;
  promptTokens: number;
  completionTokens: number;
  /** US dollars; 0 for free or unknown prices (see `priced`). */
  costUsd: number;
  /** The model the estimate is priced for, or null with no LLM configured. */
  model: string | null;
  /** False when the model's price is unknown (the cost is then 0). */
  priced: boolean;
}

export interface JobReport {
  job: string;
  mode: 'llm' | 'fallback' | 'dry-run';
  /** One line for people: what ran, and the fallback or budget stop when there was one. */
  message: string;
  /** Units in the job. */
  units: number;
  /** Units skipped because an earlier run finished them. */
  skipped: number;
  /** Units finished in this run, by source. */
  done: { llm: number; fallback: number };
  /** Units whose LLM work failed and fell back, with the reason. */
  fellBack: Array<{ key: string; reason: string }>;
  /** Units that failed outright (the fallback or apply threw). */
  failed: Array<{ key: string; message: string }>;
  /** Units left for a rerun (budget stop or --limit). */
  remaining: number;
  /** Why the job stopped early (a budget), or null. */
  stopped: string | null;
  usage: { calls: number; cacheHits: number; promptTokens: number; completionTokens: number; costUsd: number };
  /** Set on a dry run. */
  estimate?: JobEstimate;
  /** How to configure an LLM, when the fallback ran because none is. */
  hint?: string;
}

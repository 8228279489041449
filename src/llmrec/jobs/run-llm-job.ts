// Runs an LlmJob (llm-job.ts has the contract): skips finished units, estimates on a dry run, runs the rest with a
// progress bar under the job's budget, falls back per unit or for the whole job when no LLM is configured, and
// persists each unit with its checkpoint in one transaction.

import { silentProgress } from '../../core/progress.ts';
import { BudgetExceededError, LlmNotConfiguredError } from '../../llm/errors.ts';
import type { LlmGateway } from '../../llm/gateway.ts';
import { configureHint } from '../../llm/settings.ts';
import type { ChatReply, ChatRequest, JsonRequest } from '../../llm/spec.ts';
import { runBatch } from '../../llm/usage/batch.ts';
import type { JobBudget } from '../../llm/usage/budget.ts';
import { isDone, loadCheckpoints, saveCheckpoint } from './checkpoints.ts';
import { describeEstimate, estimateJob } from './estimate-job.ts';
import type { JobLlm, JobReport, LlmJob, RunJobOptions, UnitSource } from './llm-job.ts';

export async function runLlmJob<Unit, Result>(job: LlmJob<Unit, Result>, options: RunJobOptions): Promise<JobReport> {
  const role = options.role ?? 'chat';
  const llm = options.llm?.configured(role) ? options.llm : null;
  const version = job.version ?? '1';
  const checkpoints = options.force ? new Map() : await loadCheckpoints(options.store.kv, job.name);
  const open = job.units.filter((unit) => !isDone(checkpoints.get(job.key(unit)), { version, withLlm: llm !== null }));
  const pending = options.limit !== undefined ? open.slice(0, options.limit) : open;
  const report: JobReport = {
    job: job.name,
    mode: options.dryRun ? 'dry-run' : llm ? 'llm' : 'fallback',
    message: '',
    units: job.units.length,
    skipped: job.units.length - open.length,
    done: { llm: 0, fallback: 0 },
    fellBack: [],
    failed: [],
    remaining: open.length,
    stopped: null,
    usage: { calls: 0, cacheHits: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 },
  };
  if (options.dryRun) {
    report.estimate = estimateJob(
      pending.map((unit) => job.prompts(unit)),
      llm,
      role,
    );
    report.message = `dry run of ${job.name}: ${describeEstimate(report.estimate)} (${report.skipped} units already done); no call made`;
    return report;
  }
  const noLlmReason = 'no LLM configured (LMREC_LLM unset or none)';
  if (!llm && !options.dryRun) report.hint = configureHint(role);
  const budget = llm ? llm.startJob(job.name, options.budget) : null;
  const jobLlm = llm ? jobView(llm, job.name, role, options.vision ?? false) : null;
  const admission = budget ? admitter(budget) : null;

  const finish = async (unit: Unit, result: Result, source: UnitSource, fallbackReason?: string) => {
    await options.store.transaction(async (store) => {
      await job.apply(unit, result, { store, source, fallbackReason });
      await saveCheckpoint(store.kv, job.name, job.key(unit), {
        source,
        llmTried: jobLlm !== null,
        version,
        at: Date.now(),
      });
    });
    report.done[source]++;
  };

  const batch = await runBatch({
    items: pending,
    concurrency: options.concurrency,
    progress: options.progress ?? silentProgress,
    label: `${job.name}${llm ? '' : ' (fallback)'}`,
    run: async (unit) => {
      if (!jobLlm || !admission) return finish(unit, await job.fallback(unit, noLlmReason), 'fallback', noLlmReason);
      await admission.enter();
      let result: Result;
      try {
        result = await job.run(unit, jobLlm);
      } catch (error) {
        if (BudgetExceededError.isInstance(error)) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        report.fellBack.push({ key: job.key(unit), reason });
        return finish(unit, await job.fallback(unit, reason), 'fallback', reason);
      } finally {
        admission.leave();
      }
      return finish(unit, result, 'llm');
    },
  });
  for (const failure of batch.failed)
    report.failed.push({ key: job.key(pending[failure.index]), message: failure.message });
  report.stopped = batch.stopped;
  report.remaining = open.length - batch.completed;
  if (budget) {
    const spent = budget.spent;
    report.usage = {
      calls: spent.calls - spent.cacheHits,
      cacheHits: spent.cacheHits,
      promptTokens: spent.promptTokens,
      completionTokens: spent.completionTokens,
      costUsd: spent.costUsd,
    };
  }
  report.message = describeRun(report, llm ? null : noLlmReason);
  return report;
}

function describeRun(report: JobReport, noLlmReason: string | null): string {
  const done = report.done.llm + report.done.fallback;
  if (done === 0 && !report.stopped && !report.failed.length && !report.remaining)
    return `${report.job}: nothing to do, ${report.skipped} units already done${noLlmReason ? `; ${noLlmReason}` : ''}`;
  const parts = [`${report.job}: ${done} units done`];
  if (noLlmReason) parts.push(`fallback ran for all of them, ${noLlmReason}`);
  else {
    parts.push(`${report.done.llm} by the LLM (${report.usage.calls} calls, ${report.usage.cacheHits} from the cache)`);
    if (report.done.fallback) parts.push(`${report.done.fallback} by the fallback after the LLM failed`);
  }
  if (report.skipped) parts.push(`${report.skipped} already done`);
  if (report.failed.length) parts.push(`${report.failed.length} failed`);
  if (report.stopped)
    parts.push(`stopped at the budget (${report.stopped}); ${report.remaining} units left: run it again to continue`);
  else if (report.remaining) parts.push(`${report.remaining} units left (--limit)`);
  return parts.join('; ');
}

function jobView(llm: LlmGateway, job: string, role: 'chat' | 'fast', vision: boolean): JobLlm {
  return {
    vision,
    json: (request: JsonRequest<unknown>) => llm.json({ role, ...request, job }),
    chat: async (request: ChatRequest): Promise<ChatReply> => {
      const reply = await llm.chat({ role, ...request, job });
      if (reply.kind === 'no-llm')
        throw new LlmNotConfiguredError(reply.message, { hint: reply.hint, context: { role } });
      return reply;
    },
  } as JobLlm;
}

/**
 * Admission of units under a call budget: with units in flight, a new one waits while the calls spent plus those
 * in flight would reach `maxCalls`, so concurrency never overshoots the budget; then the budget is checked.
 */
function admitter(budget: JobBudget) {
  let inFlight = 0;
  const waiters: Array<() => void> = [];
  const billed = () => budget.spent.calls - budget.spent.cacheHits;
  return {
    async enter() {
      const maxCalls = budget.limits.maxCalls;
      while (maxCalls !== undefined && inFlight > 0 && billed() + inFlight >= maxCalls)
        await new Promise<void>((resolve) => waiters.push(resolve));
      budget.check();
      inFlight++;
    },
    leave() {
      inFlight--;
      for (const wake of waiters.splice(0)) wake();
    },
  };
}

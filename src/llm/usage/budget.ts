// Budgets per job: limits on cost, calls and tokens checked before each network call, so a batch job stops
// cleanly (BudgetExceededError) instead of overspending. Cache hits are free and always allowed, which lets a
// resumed job replay its finished calls.

import { BudgetExceededError } from '../errors.ts';
import { addCounters, emptyCounters, type UsageCounters } from './ledger.ts';

export interface BudgetLimits {
  /** US dollars. */
  maxCostUsd?: number;
  /** Network calls (cache hits do not count). */
  maxCalls?: number;
  /** Prompt plus completion tokens. */
  maxTokens?: number;
}

export class JobBudget {
  readonly name: string;
  readonly limits: BudgetLimits;
  readonly spent: UsageCounters = emptyCounters();

  constructor(name: string, limits: BudgetLimits = {}) {
    this.name = name;
    this.limits = limits;
  }

  add(counters: Partial<UsageCounters>): void {
    addCounters(this.spent, counters);
  }

  /** The reason the budget is spent, or null while there is room for another call. */
  exhausted(): string | null {
    const { maxCostUsd, maxCalls, maxTokens } = this.limits;
    const spent = this.spent;
    const billedCalls = spent.calls - spent.cacheHits;
    if (maxCostUsd !== undefined && spent.costUsd >= maxCostUsd)
      return `cost $${spent.costUsd.toFixed(4)} reached the budget of $${maxCostUsd}`;
    if (maxCalls !== undefined && billedCalls >= maxCalls)
      return `${billedCalls} calls reached the budget of ${maxCalls}`;
    const tokens = spent.promptTokens + spent.completionTokens;
    if (maxTokens !== undefined && tokens >= maxTokens) return `${tokens} tokens reached the budget of ${maxTokens}`;
    return null;
  }

  check(): void {
    const reason = this.exhausted();
    if (reason) throw new BudgetExceededError(`job ${this.name}: ${reason}`, { context: { job: this.name } });
  }
}

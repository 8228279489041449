// The context of one gateway call, visible to the HTTP layer below it: its trace id and its network-call count.

import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

export interface CallTrace {
  traceId: string;
  /** HTTP requests sent for this call, retries included. */
  networkCalls: number;
}

export const traceStorage = new AsyncLocalStorage<CallTrace>();

export function newTraceId(): string {
  return randomBytes(8).toString('hex');
}

/** Runs `work` inside a fresh call context (or the current one, when nested). */
export function withTrace<T>(work: (trace: CallTrace) => Promise<T>): Promise<T> {
  const current = traceStorage.getStore();
  if (current) return work(current);
  const trace: CallTrace = { traceId: newTraceId(), networkCalls: 0 };
  return traceStorage.run(trace, () => work(trace));
}

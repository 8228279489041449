// Validation of feedback events before any adapter writes them, with errors that name the failing field.

import { InvalidInputError } from '../core/errors.ts';
import type { FeedbackInput } from './store.ts';

export interface NormalizedFeedback {
  userId: string;
  itemId: string;
  type: string;
  value: number;
  timestamp: number;
  idempotencyKey: string | null;
  context: string | null;
}

/** Checks one event; `at` names it in messages, e.g. `events[3]`. */
export function normalizeFeedback(
  event: FeedbackInput,
  at: string,
  knownTypes: ReadonlySet<string>,
): NormalizedFeedback {
  const fail = (field: string, problem: string): never => {
    throw new InvalidInputError(`${at}.${field} ${problem}`, { context: { field: `${at}.${field}` } });
  };
  if (typeof event.userId !== 'string' || event.userId === '') fail('userId', 'must be a non-empty string');
  if (typeof event.itemId !== 'string' || event.itemId === '') fail('itemId', 'must be a non-empty string');
  if (typeof event.type !== 'string' || !knownTypes.has(event.type)) {
    fail(
      'type',
      `must be one of the feedback types: ${[...knownTypes].join(', ')} (got ${JSON.stringify(event.type)})`,
    );
  }
  const value = event.value ?? 1;
  if (typeof value !== 'number' || !Number.isFinite(value)) fail('value', 'must be a finite number');
  const timestamp = event.timestamp ?? Date.now();
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp) || timestamp < 0) {
    fail('timestamp', 'must be milliseconds since the epoch');
  }
  if (event.idempotencyKey !== undefined && (typeof event.idempotencyKey !== 'string' || event.idempotencyKey === '')) {
    fail('idempotencyKey', 'must be a non-empty string');
  }
  return {
    userId: event.userId,
    itemId: event.itemId,
    type: event.type,
    value,
    timestamp: Math.round(timestamp),
    idempotencyKey: event.idempotencyKey ?? null,
    context: event.context ? JSON.stringify(event.context) : null,
  };
}

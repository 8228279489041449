// Where a monitoring window ends: now, at the newest event (a store whose logs stopped, like the demo shop's), or
// `auto` (now, unless nothing happened in the window before now), or a given date. The CLI and the dashboard share it.

import { InvalidInputError } from '../../core/errors.ts';
import type { Store } from '../../store/store.ts';

/** The newest event's time, or null for an empty store. */
export async function newestEvent(store: Store): Promise<number | null> {
  let newest: number | null = null;
  for await (const batch of store.feedback.scan()) {
    for (const event of batch) if (newest === null || event.timestamp > newest) newest = event.timestamp;
  }
  return newest;
}

/** `now`, `latest` (the newest event), `auto` (now, or the newest event when the window before now is empty) or a date. */
export async function windowEnd(
  store: Store,
  text: string,
  options: { windowMs: number; field?: string; now?: number },
): Promise<number> {
  const now = options.now ?? Date.now();
  if (text === 'now') return now;
  if (text === 'latest' || text === 'auto') {
    const newest = await newestEvent(store);
    if (newest === null) return now;
    if (text === 'latest' || newest < now - options.windowMs) return newest + 1;
    return now;
  }
  const time = Date.parse(text);
  if (Number.isNaN(time)) {
    const field = options.field ?? 'to';
    throw new InvalidInputError(`${field} must be now, latest, auto or a date (got ${JSON.stringify(text)})`, {
      context: { field: field.replace(/^--/, '') },
    });
  }
  return time;
}

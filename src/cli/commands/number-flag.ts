// Numeric command-line flags with their range checked; the error names the flag.

import { InvalidInputError } from '../../core/errors.ts';

/** A number from a flag, with its range checked; the error names the flag. */
export function numberFlag(text: string, flag: string, range: { min?: number; max?: number } = {}): number {
  const value = Number(text);
  const low = range.min ?? Number.NEGATIVE_INFINITY;
  const high = range.max ?? Number.POSITIVE_INFINITY;
  if (text.trim() === '' || !Number.isFinite(value) || value < low || value > high) {
    const bounds = range.min !== undefined || range.max !== undefined ? ` from ${low} to ${high}` : '';
    throw new InvalidInputError(`--${flag} must be a number${bounds} (got ${JSON.stringify(text)})`, {
      context: { field: flag },
    });
  }
  return value;
}

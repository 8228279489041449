// JSON Lines bodies: one JSON value per line, each checked; an error names the line and the field.

import { ZodError } from 'zod';
import { InvalidInputError } from '../core/errors.ts';
import { fieldPath } from './error-handler.ts';

export function parseJsonLines<T>(body: unknown, parse: (value: unknown) => T): T[] {
  if (typeof body !== 'string') {
    throw new InvalidInputError('send the lines with content-type application/x-ndjson', {
      context: { field: 'body' },
    });
  }
  const out: T[] = [];
  const lines = body.split('\n');
  lines.forEach((raw, index) => {
    const text = raw.trim();
    if (!text) return;
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new InvalidInputError(`line ${line}: not valid JSON (${(error as Error).message})`, {
        context: { line, field: `line ${line}` },
      });
    }
    try {
      out.push(parse(value));
    } catch (error) {
      if (error instanceof ZodError) {
        const issue = error.issues[0];
        const field = fieldPath(issue.path as Array<string | number>);
        throw new InvalidInputError(`line ${line}, field "${field}": ${issue.message}`, {
          context: { line, field: `line ${line}.${field}` },
        });
      }
      throw error;
    }
  });
  return out;
}

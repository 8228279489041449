// Streams the entries of a file holding one large JSON object (`{"key": value, ...}`) without reading it whole,
// and the records of JSON-lines files. Each entry carries the line it starts on, for error messages.

import { InvalidInputError } from '../../core/errors.ts';
import { readLineBatches, readTextChunks, type TextSourceOptions } from './text-source.ts';

export interface JsonEntry {
  key: string;
  value: unknown;
  line: number;
}

type State = 'start' | 'key' | 'colon' | 'value' | 'end';

/** The top-level entries of a JSON object file, in file order and in batches. */
export async function* readJsonObjectEntries(
  file: string,
  options: TextSourceOptions = {},
): AsyncGenerator<JsonEntry[]> {
  let buffer = '';
  let pos = 0;
  let line = 1;
  let state: State = 'start';
  let keyStart = -1;
  let key = '';
  let keyLine = 0;
  let valueStart = -1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  /** `}` may close the object right after `{` only; after a comma a key must follow. */
  let sawEntry = false;
  const fail = (message: string): never => {
    throw new InvalidInputError(`${file} line ${line}: ${message}`, { context: { file, line } });
  };
  for await (const chunk of readTextChunks(file, options)) {
    // Keep only the unfinished entry from the previous chunk.
    const keep = state === 'value' ? valueStart : state === 'key' && keyStart >= 0 ? keyStart : pos;
    buffer = buffer.slice(keep) + chunk;
    pos -= keep;
    if (keyStart >= 0) keyStart -= keep;
    if (valueStart >= 0) valueStart -= keep;
    const entries: JsonEntry[] = [];
    const n = buffer.length;
    while (pos < n) {
      const c = buffer.charCodeAt(pos);
      if (state === 'value') {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 92) escaped = true;
          else if (c === 34) inString = false;
          else if (c === 10) line++;
          pos++;
          continue;
        }
        if (c === 34) inString = true;
        else if (c === 123 || c === 91) depth++;
        else if (c === 10) line++;
        else if ((c === 125 || c === 93) && depth > 0) depth--;
        else if (depth === 0 && (c === 44 || c === 125)) {
          const text = buffer.slice(valueStart, pos);
          let value: unknown;
          try {
            value = JSON.parse(text);
          } catch (error) {
            line = keyLine;
            fail(`the value of "${key}" is not valid JSON (${(error as Error).message})`);
          }
          entries.push({ key, value, line: keyLine });
          sawEntry = true;
          valueStart = -1;
          keyStart = -1;
          state = c === 44 ? 'key' : 'end';
        }
        pos++;
        continue;
      }
      if (c === 32 || c === 9 || c === 13 || c === 10) {
        if (c === 10) line++;
        pos++;
        continue;
      }
      if (state === 'start') {
        if (c !== 123) fail('expected a JSON object ({ ... })');
        state = 'key';
        pos++;
      } else if (state === 'key') {
        if (keyStart < 0) {
          if (c === 125 && !sawEntry) {
            state = 'end';
            pos++;
            continue;
          }
          if (c !== 34) fail('expected a quoted key');
          keyStart = pos;
          keyLine = line;
          pos++;
          escaped = false;
          continue;
        }
        // Inside the key string.
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) {
          key = JSON.parse(buffer.slice(keyStart, pos + 1)) as string;
          state = 'colon';
        }
        pos++;
      } else if (state === 'colon') {
        if (c !== 58) fail(`expected ":" after the key "${key}"`);
        state = 'value';
        valueStart = pos + 1;
        depth = 0;
        inString = false;
        escaped = false;
        pos++;
      } else {
        fail('unexpected text after the end of the JSON object');
      }
    }
    if (entries.length > 0) yield entries;
  }
  if (state !== 'end') fail('the JSON object ends too early');
}

/** One JSON-lines record: the parsed object and its line. */
export interface JsonLine {
  value: unknown;
  line: number;
}

/**
 * The records of a JSON-lines file in batches; blank lines are skipped. A line that is not JSON is returned
 * with `error` set, so the caller can fail or skip it by its own policy.
 */
export async function* readJsonLines(
  file: string,
  options: TextSourceOptions = {},
): AsyncGenerator<Array<JsonLine & { error?: string }>> {
  for await (const batch of readLineBatches(file, options)) {
    const out: Array<JsonLine & { error?: string }> = [];
    for (let k = 0; k < batch.lines.length; k++) {
      const text = batch.lines[k];
      if (text.trim() === '') continue;
      try {
        out.push({ value: JSON.parse(text), line: batch.first + k });
      } catch (error) {
        out.push({ value: undefined, line: batch.first + k, error: `not valid JSON (${(error as Error).message})` });
      }
    }
    if (out.length > 0) yield out;
  }
}

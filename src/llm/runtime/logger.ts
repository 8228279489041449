// Structured log lines (one JSON object per line on stderr) with the call's trace id. Secrets never reach a line:
// key-like fields are dropped and key-like values masked before writing.

import { traceStorage } from './trace.ts';

export type LlmLogLevel = 'off' | 'info' | 'debug';

export interface LlmLogger {
  info(event: string, fields?: Record<string, unknown>): void;
  debug(event: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: LlmLogger = { info() {}, debug() {} };

export function createLogger(
  level: LlmLogLevel,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): LlmLogger {
  if (level === 'off') return silentLogger;
  const emit = (lineLevel: 'info' | 'debug', event: string, fields: Record<string, unknown> = {}) => {
    const traceId = traceStorage.getStore()?.traceId;
    write(JSON.stringify({ time: new Date().toISOString(), level: lineLevel, event, traceId, ...redact(fields) }));
  };
  return {
    info: (event, fields) => emit('info', event, fields),
    debug: (event, fields) => (level === 'debug' ? emit('debug', event, fields) : undefined),
  };
}

const secretField = /^(api[-_]?key|authorization|proxy-authorization|secret|password|x-api-key|cookie)$/i;
const secretValue = /\b(sk|pk|ak|rk)-[A-Za-z0-9_-]{6,}|\bBearer\s+\S+/g;

/** A copy of `fields` without secret-looking fields, and with key-looking substrings masked. */
export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (secretField.test(key)) continue;
    out[key] = maskValue(value);
  }
  return out;
}

function maskValue(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(secretValue, '[redacted]');
  if (Array.isArray(value)) return value.map(maskValue);
  if (value && typeof value === 'object') return redact(value as Record<string, unknown>);
  return value;
}

// Parses a postgres:// store location: the connection URL plus an optional `schema` parameter (default `lmrec`),
// so that several stores (and test runs) share one database without meeting.

import os from 'node:os';
import { ConfigError } from '../../core/errors.ts';

export interface PostgresLocation {
  /** The URL pg connects with (the `schema` parameter removed). */
  connectionString: string;
  schema: string;
  /** The URL without credentials, for messages. */
  display: string;
}

const schemaPattern = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function parsePostgresLocation(location: string): PostgresLocation {
  let url: URL;
  try {
    url = new URL(location);
  } catch (error) {
    throw new ConfigError(`${redact(location)} is not a valid postgres:// URL`, { cause: error, context: {} });
  }
  const schema = url.searchParams.get('schema') ?? 'lmrec';
  if (!schemaPattern.test(schema)) {
    throw new ConfigError(`schema "${schema}" in ${redact(location)} must be letters, digits and underscores`, {
      context: { field: 'schema' },
    });
  }
  url.searchParams.delete('schema');
  // libpq falls back to the login name; pg only reads $USER, which services and containers often lack.
  if (!url.username && !process.env.PGUSER && !process.env.USER) url.username = os.userInfo().username;
  const display = `${url.protocol}//${url.host}${url.pathname}?schema=${schema}`;
  return { connectionString: url.toString(), schema, display };
}

/** A location with any password removed. */
export function redact(location: string): string {
  return location.replace(/\/\/([^:@/]*)(:[^@/]*)?@/, (_, user: string) => `//${user ? `${user}@` : ''}`);
}

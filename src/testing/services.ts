// Finds the PostgreSQL and Redis servers that tests use (127.0.0.1 by default, or LMREC_TEST_PG / LMREC_TEST_REDIS),
// and gives a printed reason to skip when one is absent.

import net from 'node:net';

export const testPostgresUrl = process.env.LMREC_TEST_PG ?? 'postgres://127.0.0.1:5432/test';
export const testRedisUrl = process.env.LMREC_TEST_REDIS ?? 'redis://127.0.0.1:6379';

/** Resolves to a skip reason (printed) when nothing listens at the URL's host and port, else false. */
export async function serviceAbsent(url: string, name: string): Promise<string | false> {
  const parsed = new URL(url);
  const port = Number(parsed.port || (parsed.protocol.startsWith('redis') ? 6379 : 5432));
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: parsed.hostname, port, timeout: 1000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
  if (reachable) return false;
  const reason = `${name} is not reachable at ${parsed.hostname}:${port}`;
  process.stdout.write(`# skipped: ${reason}\n`);
  return reason;
}

/** A schema name unique to this test run, so parallel runs never meet. */
export function uniqueSchema(prefix = 'lmrec_test'): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** The test database URL with a schema parameter. */
export function testPostgresLocation(schema: string): string {
  const url = new URL(testPostgresUrl);
  url.searchParams.set('schema', schema);
  return url.toString();
}

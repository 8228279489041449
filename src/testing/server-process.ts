// `lmrec serve` as a child process, for tests and benchmarks that need real processes (durability after SIGKILL,
// several API processes on PostgreSQL and Redis, load from another process).

import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const cli = path.resolve(import.meta.dirname, '../../bin/lmrec.js');

export interface ServerProcess {
  base: string;
  child: ChildProcess;
  /** Everything the process wrote to stderr so far. */
  log: () => string;
  /** SIGTERM (graceful) and wait for the exit. */
  stop: () => Promise<void>;
  /** SIGKILL and wait for the exit. */
  kill: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function waitForHttp(url: string, seconds: number): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

/** Starts `lmrec serve --db <db>` and resolves once /api/health/ready answers. */
export async function startServerProcess(options: {
  db: string;
  env?: Record<string, string>;
  /** Extra CLI arguments (e.g. --config FILE). */
  args?: string[];
  readySeconds?: number;
}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [cli, 'serve', '--db', options.db, '--port', String(port), '--quiet', ...(options.args ?? [])],
    {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let log = '';
  child.stderr?.on('data', (chunk) => {
    log += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  try {
    await Promise.race([
      waitForHttp(`${base}/api/health/ready`, options.readySeconds ?? 60),
      exited.then(() => {
        throw new Error('the server exited');
      }),
    ]);
  } catch (error) {
    await signal('SIGKILL');
    throw new Error(`${(error as Error).message}: ${log.slice(-1500)}`);
  }
  return { base, child, log: () => log, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') };
}

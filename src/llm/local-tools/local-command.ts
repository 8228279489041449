// Finds and runs local engines (tesseract, espeak-ng, flite, festival, pocketsphinx) for the offline fallbacks.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { LlmProviderError } from '../errors.ts';

/** The full path of an executable on PATH, or null. */
export function findExecutable(name: string, env: Record<string, string | undefined> = process.env): string | null {
  for (const folder of (env.PATH ?? '').split(path.delimiter)) {
    if (!folder) continue;
    const candidate = path.join(folder, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {}
  }
  return null;
}

/** The first of `names` that is installed. */
export function firstInstalled(names: readonly string[], env?: Record<string, string | undefined>): string | null {
  for (const name of names) if (findExecutable(name, env)) return name;
  return null;
}

/** Runs a command, feeding `input` on stdin; resolves with stdout, rejects with stderr's last line. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { input?: string | Uint8Array; timeoutMs?: number } = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: options.timeoutMs ?? 60_000 });
    const out: Buffer[] = [];
    const errors: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
    child.on('error', (error) => reject(new LlmProviderError(`${command}: ${error.message}`, { cause: error })));
    child.on('close', (code) => {
      if (code === 0) return resolve(Buffer.concat(out));
      const last = Buffer.concat(errors).toString('utf8').trim().split('\n').pop() ?? '';
      reject(new LlmProviderError(`${command} exited with ${code}: ${last}`, { context: { provider: command } }));
    });
    child.stdin.end(options.input ?? '');
  });
}

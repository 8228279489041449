// Builds the web UI before the server starts when web/dist is missing or older than web/ (a fresh clone whose
// install skipped the prepare step, or pulled UI changes). A failed build is logged; the API serves regardless.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { needsWebBuild } from './web-ui-files.ts';

export async function buildWebUiIfNeeded(log: (message: string) => void): Promise<void> {
  if (!needsWebBuild()) return;
  log('building the web UI (web/ → web/dist)');
  const script = fileURLToPath(new URL('../../scripts/build-web.ts', import.meta.url));
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [script, '--optional'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('error', () => resolve(null));
    child.on('close', resolve);
  });
  for (const line of output.join('').split('\n').filter(Boolean)) log(`  ${line}`);
  if (code !== 0) log('the web UI could not be built; the API is served without it (npm run build shows why)');
}

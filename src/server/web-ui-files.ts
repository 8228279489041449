// Where the web UI lives (web/ beside src/, built into web/dist/) and whether the build is missing or older than
// its sources.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function webDirectory(): string {
  return fileURLToPath(new URL('../../web', import.meta.url));
}

/** The newest modification time under `directory` (skipping `skip`), 0 when it has no files. */
function newestChange(directory: string, skip: ReadonlySet<string>): number {
  let newest = 0;
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full, skip) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** True when web/dist has no index.html, or a source file under web/ changed after it was built. */
export function needsWebBuild(web = webDirectory()): boolean {
  const built = path.join(web, 'dist', 'index.html');
  if (!fs.existsSync(path.join(web, 'src'))) return false;
  if (!fs.existsSync(built)) return true;
  return newestChange(web, new Set(['dist', 'node_modules'])) > fs.statSync(built).mtimeMs;
}

// Builds the web UI (web/ → web/dist/) with Vite and prints the gzipped size of each page's initial JavaScript and
// CSS; fails when the storefront's initial JavaScript is over its budget (150 KB gzipped).
//   node scripts/build-web.ts            build and print the sizes (npm run build)
//   --if-needed                           skip when web/dist is newer than every source file (npm start)
//   --optional                            skip, with a note, when Vite is not installed (npm install --omit=dev)

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { needsWebBuild, webDirectory } from '../src/server/web-ui-files.ts';

const budgets: Record<string, number> = { store: 150 * 1024 };
const args = new Set(process.argv.slice(2));
const web = webDirectory();

if (args.has('--if-needed') && !needsWebBuild(web)) {
  process.stdout.write(`web UI up to date in ${path.relative(process.cwd(), path.join(web, 'dist')) || '.'}\n`);
  process.exit(0);
}

let vite: typeof import('vite');
try {
  vite = await import('vite');
} catch {
  if (args.has('--optional')) {
    process.stdout.write('web UI not built: Vite is not installed (npm install, then npm run build)\n');
    process.exit(0);
  }
  throw new Error('Vite is not installed: run npm install first');
}

const started = performance.now();
await vite.build({ configFile: path.join(web, 'vite.config.ts'), logLevel: 'warn' });
const seconds = (performance.now() - started) / 1000;

interface ManifestChunk {
  file: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}
const dist = path.join(web, 'dist');
const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
  string,
  ManifestChunk
>;

/** The entry's chunk and every chunk it imports statically: what the browser loads before the first render. */
function initialFiles(key: string): { scripts: string[]; styles: string[] } {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const visit = (chunkKey: string) => {
    const chunk = manifest[chunkKey];
    if (!chunk || scripts.has(chunk.file)) return;
    scripts.add(chunk.file);
    for (const style of chunk.css ?? []) styles.add(style);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(key);
  return { scripts: [...scripts], styles: [...styles] };
}

const gzipped = (files: string[]) =>
  files.reduce((sum, file) => sum + zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length, 0);
const raw = (files: string[]) => files.reduce((sum, file) => sum + fs.statSync(path.join(dist, file)).size, 0);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const report: Array<{ page: string; js: number; jsRaw: number; css: number; budget?: number }> = [];
for (const [key, chunk] of Object.entries(manifest)) {
  if (!chunk.isEntry) continue;
  const page = key.replace(/\.html$/, '') === 'index' ? 'store' : key.replace(/\.html$/, '');
  const files = initialFiles(key);
  report.push({
    page,
    js: gzipped(files.scripts),
    jsRaw: raw(files.scripts),
    css: gzipped(files.styles),
    budget: budgets[page],
  });
}
report.sort((a, b) => a.page.localeCompare(b.page));
process.stdout.write(`built the web UI in ${seconds.toFixed(1)} s → ${path.relative(process.cwd(), dist)}\n`);
for (const entry of report) {
  const label = entry.page === 'store' ? 'storefront (/)' : `${entry.page} (/${entry.page})`;
  const budget = entry.budget ? ` (budget ${kb(entry.budget)})` : '';
  process.stdout.write(
    `  ${label.padEnd(18)} initial JS ${kb(entry.js)} gzipped${budget}, ${kb(entry.jsRaw)} raw; CSS ${kb(entry.css)} gzipped\n`,
  );
}
// Pre-compressed copies: the server sends them to browsers that accept gzip.
for (const name of fs.readdirSync(path.join(dist, 'assets'))) {
  if (!/\.(js|css|svg|json)$/.test(name)) continue;
  const file = path.join(dist, 'assets', name);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
}
fs.writeFileSync(
  path.join(dist, 'build-sizes.json'),
  `${JSON.stringify({ builtAt: Date.now(), pages: report }, null, 2)}\n`,
);
const over = report.filter((entry) => entry.budget !== undefined && entry.js > entry.budget);
if (over.length) {
  for (const entry of over)
    process.stderr.write(
      `over budget: ${entry.page} initial JS is ${kb(entry.js)} gzipped (at most ${kb(entry.budget!)})\n`,
    );
  process.exit(1);
}

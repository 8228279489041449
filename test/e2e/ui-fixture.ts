// One demo shop served with its web UI, and a headless Debian Chromium driven by playwright-core: what the browser
// tests and `npm run screenshots` share. The UI is built first when web/dist is missing or stale.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { parseConfig } from '../../src/core/config/index.ts';
import { loadRegistry, registryModule } from '../../src/pipeline/default-registry.ts';
import { type ApiServer, createServer } from '../../src/server/serve.ts';
import { needsWebBuild } from '../../src/server/web-ui-files.ts';
import { openStore } from '../../src/store/open.ts';
import { temporaryFolder } from '../helpers/dataset-fixtures.ts';
import { runCli } from '../helpers/run-cli.ts';

export const chromiumPath = process.env.LMREC_CHROMIUM ?? '/usr/bin/chromium';

/** The flags of a headless, sandbox-less, quiet Chromium (never downloads anything). */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** A printed reason to skip browser tests when Chromium is not installed, else false. */
export function chromiumAbsent(): string | false {
  if (fs.existsSync(chromiumPath)) return false;
  const reason = `no Chromium at ${chromiumPath} (apt-get install chromium; .ci/run installs it)`;
  process.stdout.write(`# skipped: ${reason}\n`);
  return reason;
}

export interface UiFixture {
  baseUrl: string;
  adminKey: string;
  server: ApiServer;
  browser: Browser;
  /** The demo store's file. */
  database: string;
  close: () => Promise<void>;
}

export interface UiFixtureOptions {
  /** Demo shop size (1: 1,200 items and 2,500 users). */
  scale: number;
  /** Models to evaluate offline first, for the dashboard's leaderboard (none when absent). */
  evaluate?: string;
  /** The day after the demo's last simulated day (default: the demo's own default). */
  endDate?: string;
  /** A folder to keep the store in (default: a temporary folder removed at exit). */
  folder?: string;
  log?: (line: string) => void;
}

function run(args: string[], what: string): string {
  const result = runCli(args);
  if (result.code !== 0) throw new Error(`${what} failed: ${result.stderr.trim().split('\n').at(-1)}`);
  return result.stdout;
}

/** Builds the UI when needed (once), makes the demo shop, serves it on a free port and opens the browser. */
export async function startUiFixture(options: UiFixtureOptions): Promise<UiFixture> {
  const log = options.log ?? ((line: string) => process.stdout.write(`# ${line}\n`));
  if (needsWebBuild()) {
    const script = path.resolve(import.meta.dirname, '../../scripts/build-web.ts');
    const build = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`the web UI did not build: ${build.stderr || build.stdout}`);
    for (const line of build.stdout.trim().split('\n')) log(line);
  }
  const folder = options.folder ?? temporaryFolder('lmrec-ui-');
  const database = path.join(folder, 'demo.db');
  const endDate = options.endDate ? ['--end-date', options.endDate] : [];
  run(
    ['demo', 'init', '--db', database, '--scale', String(options.scale), ...endDate, '--force', '--quiet'],
    'demo init',
  );
  if (options.evaluate) run(['eval', '--db', database, '--models', options.evaluate], 'lmrec eval');
  const config = parseConfig({
    db: database,
    serving: { port: 0, host: '127.0.0.1', storefront: { actAsAnyUser: true }, trainer: { pollSeconds: 0 } },
  });
  const store = await openStore(database);
  const server = await createServer({
    config,
    store,
    registry: await loadRegistry(),
    registryModule: registryModule(),
  });
  await server.services.engine.train();
  await server.services.engine.precomputed();
  server.services.readiness.ready = true;
  const adminKey = (await server.services.keys.create({ role: 'admin', name: 'browser tests' })).key;
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.app.server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    adminKey,
    server,
    browser,
    database,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

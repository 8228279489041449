// `lmrec serve`: the REST API over an existing store; `lmrec start` (npm start): the same, making the demo store
// first when there is none.

import fs from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../core/config/index.ts';
import { ConfigError } from '../../core/errors.ts';
import { buildDemoStore, readDemoManifest } from '../../data/demo/demo-store.ts';
import { openStore } from '../../store/open.ts';
import { commandProgress, type GlobalOptions } from '../context.ts';
import { runServer, serverOverrides } from '../serve-runner.ts';

interface ServeOptions {
  port?: string;
  host?: string;
  retrain?: boolean;
}

const isPostgres = (location: string) => /^postgres(ql)?:\/\//.test(location);

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the REST API (recommendations, feedback, catalog, search) over an existing store')
    .option('--port <n>', 'port (env PORT, default 8080)')
    .option('--host <address>', 'address to bind (env HOST, default 127.0.0.1)')
    .option('--retrain', 'train new models before serving even when a stored model exists')
    .action(async (options: ServeOptions, command: Command) => {
      const global = command.optsWithGlobals() as GlobalOptions;
      const config = await loadConfig({
        file: global.config,
        overrides: { db: global.db, ...serverOverrides(options) },
      });
      if (!isPostgres(config.db) && config.db !== ':memory:' && !fs.existsSync(config.db)) {
        throw new ConfigError(
          `there is no store at ${config.db}: make one with \`lmrec demo init --db ${config.db}\`, or run \`npm start\``,
          { context: { file: config.db } },
        );
      }
      const store = await openStore(config.db);
      await runServer({ command, config, store, retrain: options.retrain });
    });
}

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('npm start: make the demo store when there is none, train, and serve on http://localhost:8080')
    .option('--port <n>', 'port (env PORT, default 8080)')
    .option('--host <address>', 'address to bind (env HOST, default 127.0.0.1)')
    .action(async (options: ServeOptions, command: Command) => {
      const global = command.optsWithGlobals() as GlobalOptions;
      const overrides = { db: global.db, ...serverOverrides(options) };
      let config = await loadConfig({ file: global.config, overrides });
      const store = await openStore(config.db);
      let banner: string | undefined;
      if ((await store.counts()).items === 0) {
        const { manifest, seconds } = await buildDemoStore(store, { progress: commandProgress(command) });
        banner = `  made the demo shop in ${seconds.toFixed(1)} s: ${manifest.counts.items} items, ${manifest.counts.users} users`;
      }
      // On the demo shop, the storefront's user switcher may act as any demo user.
      if (await readDemoManifest(store)) {
        config = await loadConfig({
          file: global.config,
          overrides: { ...overrides, 'serving.storefront.actAsAnyUser': true, 'serving.embedCatalog': true },
        });
      }
      await runServer({ command, config, store, banner });
    });
}

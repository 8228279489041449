// `lmrec init`: create an empty store (and a starter config file when asked).

import fs from 'node:fs';
import type { Command } from 'commander';
import { printJson, withStore } from '../context.ts';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create an empty store (SQLite file or PostgreSQL schema) with the default feedback types')
    .option('--write-config', 'also write a starter lmrec.config.json in the current folder')
    .option('--json', 'print the result as JSON')
    .action(async (options: { writeConfig?: boolean; json?: boolean }, command: Command) => {
      await withStore(command, async (store, config) => {
        await store.defineFeedbackTypes(config.feedbackTypes);
        if (options.writeConfig && !fs.existsSync('lmrec.config.json')) {
          fs.writeFileSync('lmrec.config.json', `${JSON.stringify({ db: config.db }, null, 2)}\n`);
        }
        const counts = await store.counts();
        if (options.json) printJson({ store: store.location, kind: store.kind, ...counts });
        else
          process.stdout.write(
            `store ready at ${store.location} (${store.kind}): ${counts.items} items, ${counts.users} users\n`,
          );
      });
    });
}

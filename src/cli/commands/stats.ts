// `lmrec stats`: sizes, sparsity, popularity concentration, and cold users and items.

import type { Command } from 'commander';
import { storeStats } from '../../data/stats.ts';
import { printJson, withStore } from '../context.ts';

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('report users, items, interactions, sparsity, top-20% item share, and cold users and items')
    .option('--json', 'print one JSON object')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withStore(command, async (store, config) => {
        const stats = await storeStats(store, { coldThreshold: config.coldThreshold });
        if (options.json) {
          printJson({ store: store.location, ...stats });
          return;
        }
        const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
        const lines = [
          `store          ${store.location}`,
          `users          ${stats.users.toLocaleString('en-US')}`,
          `items          ${stats.items.toLocaleString('en-US')}`,
          `interactions   ${stats.interactions.toLocaleString('en-US')}`,
          `social edges   ${stats.socialEdges.toLocaleString('en-US')}`,
          `sparsity       ${pct(stats.sparsity)}`,
          `top 20% items  ${pct(stats.top20ItemShare)} of interactions`,
          `cold users     ${stats.coldUsers.toLocaleString('en-US')} (< ${stats.coldThreshold} interactions)`,
          `cold items     ${stats.coldItems.toLocaleString('en-US')} (< ${stats.coldThreshold} interactions)`,
          `by type        ${Object.entries(stats.byType)
            .map(([type, n]) => `${type} ${n.toLocaleString('en-US')}`)
            .join(', ')}`,
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}

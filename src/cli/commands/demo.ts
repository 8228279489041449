// `lmrec demo init`: fill a store with the bilingual outdoor and travel demo shop and its 90 simulated days.

import type { Command } from 'commander';
import { InvalidInputError } from '../../core/errors.ts';
import { defaultEndDate, shopToday } from '../../data/demo/calendar.ts';
import { demoCategories } from '../../data/demo/categories.ts';
import { buildDemoStore } from '../../data/demo/demo-store.ts';
import { defaultDemoSeed, maxDemoScale } from '../../data/demo/run-simulation.ts';
import { commandProgress, printJson, withStore } from '../context.ts';

interface DemoInitOptions {
  seed: string;
  scale: string;
  endDate?: string;
  force?: boolean;
  json?: boolean;
}

function parseNumber(text: string, field: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new InvalidInputError(`--${field} must be a number (got ${JSON.stringify(text)})`, { context: { field } });
  }
  return value;
}

export function registerDemo(program: Command): void {
  const demo = program
    .command('demo')
    .description('the demo shop: a bilingual outdoor and travel store with simulated shoppers');
  demo
    .command('init')
    .description('fill the store with the demo shop (1,200 items, 2,500 users, 90 days of events at scale 1)')
    .option('--seed <n>', 'seed of every random choice (same seed, same store)', String(defaultDemoSeed))
    .option('--scale <n>', `size multiplier, above 0 and at most ${maxDemoScale}`, '1')
    .option(
      '--end-date <YYYY-MM-DD|today>',
      'the day after the last simulated day (China Standard Time)',
      defaultEndDate,
    )
    .option('--force', 'replace the data of a store that is not empty')
    .option('--json', 'print the summary as JSON')
    .action(async (options: DemoInitOptions, command: Command) => {
      const seed = parseNumber(options.seed, 'seed');
      const scale = parseNumber(options.scale, 'scale');
      const endDate = options.endDate === 'today' ? shopToday() : options.endDate;
      const progress = commandProgress(command);
      await withStore(command, async (store) => {
        const { manifest, seconds } = await buildDemoStore(store, {
          seed,
          scale,
          endDate,
          force: options.force,
          progress,
        });
        const events = manifest.counts.events;
        const total = Object.values(events).reduce((a, b) => a + b, 0);
        if (options.json) {
          printJson({
            store: store.location,
            seconds: Number(seconds.toFixed(2)),
            ...manifest.counts,
            interactions: total,
            seed,
            scale,
            endDate: manifest.endDate,
          });
          return;
        }
        const format = (n: number) => n.toLocaleString('en-US');
        process.stdout.write(
          [
            `demo shop written to ${store.location} in ${seconds.toFixed(1)} s (seed ${seed}, scale ${scale})`,
            `items          ${format(manifest.counts.items)} in ${demoCategories.length} categories, prices in yuan (CNY)`,
            `users          ${format(manifest.counts.users)}, ${format(manifest.counts.socialEdges)} follows`,
            `window         ${shopToday(manifest.startTime)} to ${shopToday(manifest.endTime - 1)} (${manifest.days} days, ${manifest.timeZone})`,
            `events         ${format(total)}: ${Object.entries(events)
              .map(([type, n]) => `${type} ${format(n)}`)
              .join(', ')}`,
          ].join('\n') + '\n',
        );
      });
    });
}

// `lmrec enrich attributes|copy|queries|reasons`: offline LLM jobs over the catalog and the users, with progress
// bars, a `--dry-run` estimate, budgets, resume after a kill, and their no-LLM fallbacks (rules and keyword tags;
// template copy; history terms as queries; attribute-overlap reasons).

import type { Command } from 'commander';
import { InvalidInputError } from '../../core/errors.ts';
import { createLlmGateway } from '../../llm/gateway.ts';
import type { JobReport } from '../../llmrec/jobs/llm-job.ts';
import type { Store } from '../../store/store.ts';
import { commandProgress, withStore } from '../context.ts';
import { registerEnrichQueries } from './enrich-queries.ts';
import { registerEnrichReasons } from './enrich-reasons.ts';
import { addJobFlags, type JobFlags, jobOptionsOf, printJobReports } from './job-flags.ts';

interface EnrichFlags extends JobFlags {
  category?: string;
  vision?: boolean;
  lang?: string;
}

type JobCommand = (context: {
  store: Store;
  base: ReturnType<typeof jobOptionsOf> & {
    store: Store;
    llm: ReturnType<typeof createLlmGateway>;
    progress: ReturnType<typeof commandProgress>;
  };
  flags: EnrichFlags;
}) => Promise<JobReport[]>;

export function registerEnrich(program: Command): void {
  const enrich = program
    .command('enrich')
    .description('offline LLM jobs over the catalog and users (fallbacks without an LLM)');
  addJobFlags(
    enrich
      .command('attributes')
      .description('per category, propose an attribute schema; per item, extract normalised attributes and tags')
      .option('--category <key>', 'only this category (its key, e.g. tents, or a category name)')
      .option('--vision', 'also send item images (attributes.image URLs) to the chat model'),
  ).action(
    action(async ({ base, flags }) => {
      const { enrichAttributes } = await import('../../llmrec/enrich/enrich-attributes.ts');
      return enrichAttributes({ ...base, category: flags.category, vision: Boolean(flags.vision) });
    }),
  );
  addJobFlags(
    enrich
      .command('copy')
      .description('write item descriptions and selling points from their own fields (checked: no invented facts)')
      .option('--category <key>', 'only this category (its key, e.g. tents, or a category name)')
      .option('--lang <en|zh|both>', 'language of the copy', 'en'),
  ).action(
    action(async ({ base, flags }) => {
      const { enrichCopy } = await import('../../llmrec/enrich/enrich-copy.ts');
      if (!['en', 'zh', 'both'].includes(flags.lang ?? 'en'))
        throw new InvalidInputError(`--lang must be en, zh or both (got ${flags.lang})`, {
          context: { field: '--lang' },
        });
      const languages: Array<'en' | 'zh'> =
        flags.lang === 'both' ? ['en', 'zh'] : [(flags.lang ?? 'en') as 'en' | 'zh'];
      return [await enrichCopy({ ...base, category: flags.category, languages })];
    }),
  );
  registerEnrichQueries(enrich);
  registerEnrichReasons(enrich);
}

/** Opens the store and a gateway on it, runs the job command, prints its reports, and closes both. */
function action(run: JobCommand) {
  return async (flags: EnrichFlags, command: Command) => {
    const options = jobOptionsOf(flags);
    await withStore(command, async (store, config) => {
      const llm = createLlmGateway({ config: config.llm, store: store.kv });
      try {
        const reports = await run({
          store,
          base: { ...options, store, llm, progress: commandProgress(command) },
          flags,
        });
        printJobReports(reports, flags);
      } finally {
        await llm.close();
      }
    });
  };
}

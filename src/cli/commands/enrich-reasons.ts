// `lmrec enrich reasons`: personalised reasons for users' current recommendations (the served pipeline, run
// offline on the stored model), cached for the explain stage.

import type { Command } from 'commander';
import type { Config } from '../../core/config/index.ts';
import { InvalidInputError } from '../../core/errors.ts';
import { createLlmGateway } from '../../llm/gateway.ts';
import { runLlmJob } from '../../llmrec/jobs/run-llm-job.ts';
import { reasonsJob, selectReasonUnits } from '../../llmrec/reasons/reasons-job.ts';
import { loadRegistry } from '../../pipeline/default-registry.ts';
import { RecommendationEngine } from '../../pipeline/engine.ts';
import type { Language } from '../../pipeline/types.ts';
import { openSharedState } from '../../store/open-shared-state.ts';
import type { Store } from '../../store/store.ts';
import { commandProgress, withStore } from '../context.ts';
import { addJobFlags, type JobFlags, jobOptionsOf, printJobReports } from './job-flags.ts';
import { numberFlag } from './number-flag.ts';

interface ReasonsFlags extends JobFlags {
  users?: string;
  maxUsers: string;
  n: string;
  lang: string;
}

export function registerEnrichReasons(enrich: Command): void {
  addJobFlags(
    enrich
      .command('reasons')
      .description("write personalised, evidence-grounded reasons for users' recommendations")
      .option('--users <ids>', 'only these users (comma-separated)')
      .option('--max-users <n>', 'the most active users first, at most this many', '1000')
      .option('-n, --n <n>', 'recommended items per user to explain', '10')
      .option('--lang <list>', 'languages of the reasons: en, zh or en,zh', 'en'),
  ).action(async (flags: ReasonsFlags, command: Command) => {
    await withStore(command, async (store: Store, config: Config) => {
      const options = jobOptionsOf(flags);
      const languages = languagesOf(flags.lang);
      const n = Math.round(numberFlag(flags.n, 'n', { min: 1, max: 100 }));
      const gateway = createLlmGateway({ config: config.llm, store: store.kv });
      const shared = await openSharedState(null);
      const serving = { ...config.serving, cache: { ...config.serving.cache, enabled: false, precomputeUsers: 0 } };
      const engine = await RecommendationEngine.create({
        store,
        shared,
        config: { ...serving, trainer: { ...serving.trainer, pollSeconds: 0 } },
        registry: await loadRegistry(),
      });
      try {
        if (!engine.bundle)
          throw new InvalidInputError('no trained model in the store: run `lmrec serve` or train first', {
            context: { field: 'model' },
          });
        const userIds = flags.users
          ? flags.users
              .split(',')
              .map((id) => id.trim())
              .filter(Boolean)
          : await activeUsers(store, Math.round(numberFlag(flags.maxUsers, 'max-users', { min: 1 })));
        const units = await selectReasonUnits({
          store,
          catalog: engine.catalog,
          userIds,
          recommend: async (userId) =>
            (await engine.run({ userId, n, online: false, requestId: `reasons:${userId}` })).items.map(
              (item) => item.id,
            ),
        });
        const report = await runLlmJob(
          reasonsJob({ units, languages, namespace: config.serving.pipeline.reasons.namespace }),
          {
            store,
            llm: gateway,
            ...options,
            progress: commandProgress(command),
          },
        );
        printJobReports([report], flags);
      } finally {
        await engine.close();
        await shared.close();
        await gateway.close();
      }
    });
  });
}

function languagesOf(text: string): Language[] {
  const languages = text.split(',').map((lang) => lang.trim());
  for (const lang of languages)
    if (lang !== 'en' && lang !== 'zh')
      throw new InvalidInputError(`--lang: "${lang}" is not a supported language (en, zh)`, {
        context: { field: 'lang' },
      });
  return languages as Language[];
}

/** Users by their number of events, most first. */
async function activeUsers(store: Store, limit: number): Promise<string[]> {
  const counts = new Map<string, number>();
  for await (const batch of store.feedback.scan({ batchSize: 10_000 }))
    for (const event of batch) counts.set(event.userId, (counts.get(event.userId) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([id]) => id);
}

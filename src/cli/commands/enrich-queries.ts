// `lmrec enrich queries`: query-to-item for users whose cache entry is missing, expired or outrun by new feedback;
// the `q2i` recall source reads the result.

import type { Command } from 'commander';
import type { Config } from '../../core/config/index.ts';
import { createLlmGateway } from '../../llm/gateway.ts';
import { runLlmJob } from '../../llmrec/jobs/run-llm-job.ts';
import { type Q2iSettings, q2iJob, selectQ2iUnits } from '../../llmrec/q2i/q2i-job.ts';
import { Catalog } from '../../pipeline/catalog.ts';
import type { Store } from '../../store/store.ts';
import { commandProgress, withStore } from '../context.ts';
import { addJobFlags, type JobFlags, jobOptionsOf, printJobReports } from './job-flags.ts';
import { queryEmbedderFor } from './query-embedder.ts';

interface QueriesFlags extends JobFlags {
  users?: string;
}

/** The settings of the first `q2i` recall source in the config, else its defaults. */
export function q2iSettingsOf(config: Config): Q2iSettings {
  const source = config.serving.pipeline.recall.find((entry) => entry.source === 'q2i');
  const defaults = { namespace: 'q2i', queries: 5, perQuery: 30, ttlHours: 7 * 24, refreshAfterEvents: 5 };
  const chosen = source && source.source === 'q2i' ? source : defaults;
  return {
    namespace: chosen.namespace,
    queries: chosen.queries,
    perQuery: chosen.perQuery,
    ttlMs: chosen.ttlHours * 3_600_000,
    refreshAfterEvents: chosen.refreshAfterEvents,
  };
}

export function registerEnrichQueries(enrich: Command): void {
  addJobFlags(
    enrich
      .command('queries')
      .description('write an interest profile and search queries per user (query-to-item recall source)')
      .option('--users <ids>', 'only these users (comma-separated); default: every user whose entry is stale'),
  ).action(async (flags: QueriesFlags, command: Command) => {
    await withStore(command, async (store: Store, config: Config) => {
      const options = jobOptionsOf(flags);
      const gateway = createLlmGateway({ config: config.llm, store: store.kv });
      try {
        const catalog = await Catalog.load(store);
        const settings = q2iSettingsOf(config);
        const units = await selectQ2iUnits({
          store,
          catalog,
          settings,
          withLlm: gateway.configured(options.role),
          userIds: flags.users
            ?.split(',')
            .map((id) => id.trim())
            .filter(Boolean),
          historyLimit: config.serving.pipeline.historyLimit,
          force: options.force,
        });
        const embedder = options.dryRun ? null : await queryEmbedderFor(store, gateway);
        const report = await runLlmJob(q2iJob({ units, store, catalog, settings, embedder }), {
          store,
          llm: gateway,
          ...options,
          progress: commandProgress(command),
        });
        if (units.length === 0 && !flags.json) {
          process.stdout.write(
            `enrich-queries: every user's entry is fresh (TTL ${settings.ttlMs / 3_600_000} h, rewritten after ${settings.refreshAfterEvents} new positive events); --force rewrites them\n`,
          );
          return;
        }
        printJobReports([report], flags);
      } finally {
        await gateway.close();
      }
    });
  });
}

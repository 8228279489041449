// `lmrec curate "<theme>"`: a seasonal or holiday list (LLM intents → hybrid search → items with reasons), stored
// for the `curated` recall source between --from and --to. Runs on the shared job runner: progress, `--dry-run`,
// budgets, resume, and the fallback (the theme text and its embedding) when no LLM is configured.

import type { Command } from 'commander';
import { InvalidInputError } from '../../core/errors.ts';
import { createLlmGateway } from '../../llm/gateway.ts';
import { estimateCurate } from '../../llmrec/curate.ts';
import { curateJob, curateUnit } from '../../llmrec/curate-job.ts';
import { runLlmJob } from '../../llmrec/jobs/run-llm-job.ts';
import { Catalog } from '../../pipeline/catalog.ts';
import { type CuratedList, parseDay, readCuratedList } from '../../pipeline/curated-lists.ts';
import { embedItems } from '../../pipeline/item-vectors.ts';
import type { Store } from '../../store/store.ts';
import { commandProgress, printJson, printTable, withStore } from '../context.ts';
import { addJobFlags, type JobFlags, jobOptionsOf, printJobReports } from './job-flags.ts';
import { numberFlag } from './number-flag.ts';

interface CurateFlags extends JobFlags {
  from?: string;
  to?: string;
  name?: string;
  intents: string;
  perIntent: string;
  size: string;
}

export function registerCurate(program: Command): void {
  const command = program
    .command('curate')
    .description(
      'curate a themed list (LLM shopping intents → hybrid search), usable as a recall source for a date range',
    )
    .argument('<theme>', 'the theme, e.g. "winter camping" or "Mid-Autumn Festival gifts"')
    .option('--from <date>', 'first day the list is served, YYYY-MM-DD (UTC)')
    .option('--to <date>', 'last day the list is served, YYYY-MM-DD (UTC, inclusive)')
    .option('--name <name>', 'name of the stored list (default: the theme as a slug)')
    .option('--intents <n>', 'shopping intents to ask the LLM for', '8')
    .option('--per-intent <n>', 'items kept per intent', '8')
    .option('--size <n>', 'items in the list at most', '40');
  addJobFlags(command).action(async (theme: string, flags: CurateFlags, self: Command) => {
    if (theme.trim() === '') throw new InvalidInputError('curate: the theme is empty', { context: { field: 'theme' } });
    const from = flags.from ? parseDay(flags.from, 'from') : null;
    const to = flags.to ? parseDay(flags.to, 'to') : null;
    if (from && to && to < from) {
      throw new InvalidInputError(`--to ${to} is before --from ${from}`, { context: { field: 'to' } });
    }
    const intents = numberFlag(flags.intents, 'intents', { min: 1, max: 40 });
    const perIntent = numberFlag(flags.perIntent, 'per-intent', { min: 1, max: 200 });
    const size = numberFlag(flags.size, 'size', { min: 1, max: 1000 });
    const options = jobOptionsOf(flags);
    const progress = commandProgress(self);
    await withStore(self, async (store, config) => {
      const gateway = createLlmGateway({ config: config.llm, store: store.kv });
      try {
        const namespace = config.serving.pipeline.rerank.diversity.vectorNamespace;
        const catalog = await Catalog.load(store);
        if (catalog.size === 0) {
          throw new InvalidInputError(
            `curate: ${store.location} has no items to curate from (import a catalog first)`,
            {
              context: { field: 'items' },
            },
          );
        }
        const unit = curateUnit(theme, { name: flags.name, from, to });
        // The dry run makes no call at all, not even an embedding dimension probe.
        const embedder = options.dryRun ? null : await gateway.embedder();
        if (embedder) await embedItems({ store, embedder, namespace, progress });
        const job = curateJob({
          units: [unit],
          store,
          catalog,
          embedder,
          vectorNamespace: namespace,
          intents,
          perIntent,
          size,
        });
        const report = await runLlmJob(job, { store, llm: gateway, ...options, progress });
        if (options.dryRun) {
          printJobReports([report], flags);
          if (!gateway.settings.embeddedEmbeddings && !flags.json) {
            const stored = await store.vectors.get(
              namespace,
              [...catalog.values()].map((entry) => entry.item.id),
            );
            const estimate = estimateCurate({
              theme,
              intents,
              catalog,
              chat: null,
              embedding: gateway.settings.models.embedding[0],
              prices: gateway.settings.prices,
              missingVectors: catalog.size - stored.length,
            });
            process.stdout.write(
              `plus ~${estimate.embeddingCalls} embedding call(s) to ${gateway.settings.models.embedding[0].id} (~${estimate.embeddingTokens} tokens, $${estimate.costUsd.toFixed(6)})\n`,
            );
          }
          return;
        }
        const list = report.stopped ? null : await readCuratedList(store.kv, unit.name);
        if (flags.json) printJson({ report, list });
        else {
          printJobReports([report], flags);
          if (list) await printList(list, store);
        }
      } finally {
        await gateway.close();
      }
    });
  });
}

async function printList(list: CuratedList, store: Store): Promise<void> {
  const mode =
    list.mode === 'llm'
      ? `LLM intents (${list.model})`
      : `fallback: ${list.fallbackReason}; curated by the theme text and its embedding`;
  const dates = list.from || list.to ? `, served ${list.from ?? '…'} to ${list.to ?? '…'}` : ', served every day';
  process.stdout.write(
    `curated "${list.theme}" → list "${list.name}" (kv curated-lists), ${list.items.length} items from ${list.intents.length} intent(s); ${mode}${dates}\n`,
  );
  const titles = new Map((await store.items.get(list.items.map((item) => item.id))).map((item) => [item.id, item]));
  printTable(
    list.items.map((item, rank) => ({
      rank: rank + 1,
      id: item.id,
      title: (titles.get(item.id)?.title ?? '').slice(0, 60),
      category: titles.get(item.id)?.categories.join(' / ') ?? '',
      intent: item.intent,
    })),
  );
  process.stdout.write(
    `serve it: add {"source": "curated", "list": "${list.name}"} to serving.pipeline.recall in the config\n`,
  );
}

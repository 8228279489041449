// `lmrec curate "<theme>"`: a seasonal or holiday list (LLM intents → hybrid search → items with reasons), stored
// for the `curated` recall source between --from and --to. `--dry-run` estimates calls, tokens and cost; the
// budget flags stop the LLM call (then the fallback runs and says so).

import type { Command } from 'commander';
import { InvalidInputError } from '../../core/errors.ts';
import { createLlmGateway } from '../../llm/gateway.ts';
import { type CurateEstimate, curate, estimateCurate } from '../../llmrec/curate.ts';
import { Catalog } from '../../pipeline/catalog.ts';
import { type CuratedList, listName, parseDay } from '../../pipeline/curated-lists.ts';
import { commandProgress, printJson, printTable, withStore } from '../context.ts';
import { numberFlag } from './number-flag.ts';

interface CurateFlags {
  from?: string;
  to?: string;
  name?: string;
  intents: string;
  perIntent: string;
  size: string;
  dryRun?: boolean;
  maxCost?: string;
  maxCalls?: string;
  json?: boolean;
}

export function registerCurate(program: Command): void {
  program
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
    .option('--size <n>', 'items in the list at most', '40')
    .option('--dry-run', 'estimate calls, tokens and cost; change nothing')
    .option('--max-cost <usd>', 'budget in US dollars for the job')
    .option('--max-calls <n>', 'budget in LLM calls for the job (cache hits are free)')
    .option('--json', 'print the list as JSON')
    .action(async (theme: string, flags: CurateFlags, command: Command) => {
      if (theme.trim() === '')
        throw new InvalidInputError('curate: the theme is empty', { context: { field: 'theme' } });
      const from = flags.from ? parseDay(flags.from, 'from') : null;
      const to = flags.to ? parseDay(flags.to, 'to') : null;
      if (from && to && to < from) {
        throw new InvalidInputError(`--to ${to} is before --from ${from}`, { context: { field: 'to' } });
      }
      const intents = numberFlag(flags.intents, 'intents', { min: 1, max: 40 });
      const perIntent = numberFlag(flags.perIntent, 'per-intent', { min: 1, max: 200 });
      const size = numberFlag(flags.size, 'size', { min: 1, max: 1000 });
      const maxCostUsd = flags.maxCost === undefined ? undefined : numberFlag(flags.maxCost, 'max-cost', { min: 0 });
      const maxCalls = flags.maxCalls === undefined ? undefined : numberFlag(flags.maxCalls, 'max-calls', { min: 0 });
      const progress = commandProgress(command);
      await withStore(command, async (store, config) => {
        const gateway = createLlmGateway({ config: config.llm, store: store.kv });
        try {
          const namespace = config.serving.pipeline.rerank.diversity.vectorNamespace;
          const llm = gateway.configured('chat') ? gateway : null;
          if (flags.dryRun) {
            const catalog = await Catalog.load(store);
            const stored = new Set(
              (
                await store.vectors.get(
                  namespace,
                  [...catalog.values()].map((entry) => entry.item.id),
                )
              ).map((v) => v.id),
            );
            const estimate = estimateCurate({
              theme,
              intents,
              catalog,
              chat: llm ? gateway.settings.models.chat[0] : null,
              embedding: gateway.settings.embeddedEmbeddings ? null : gateway.settings.models.embedding[0],
              prices: gateway.settings.prices,
              missingVectors: catalog.size - stored.size,
            });
            printEstimate(estimate, listName(flags.name ?? theme));
            return;
          }
          if (maxCostUsd !== undefined || maxCalls !== undefined) gateway.startJob('curate', { maxCostUsd, maxCalls });
          const list = await curate({
            store,
            theme,
            name: flags.name ? listName(flags.name) : undefined,
            from,
            to,
            llm,
            embedder: await gateway.embedder(),
            vectorNamespace: namespace,
            intents,
            perIntent,
            size,
            job: 'curate',
            progress,
          });
          if (flags.json) printJson(list);
          else await printList(list, store);
        } finally {
          await gateway.close();
        }
      });
    });
}

function printEstimate(estimate: CurateEstimate, name: string): void {
  const lines = [
    `dry run: curate "${name}" would make ${estimate.calls} LLM call(s)` +
      (estimate.model ? ` to ${estimate.model}` : '') +
      ` (~${estimate.promptTokens} prompt + ~${estimate.completionTokens} completion tokens)` +
      (estimate.embeddingCalls
        ? ` and ${estimate.embeddingCalls} embedding call(s) (~${estimate.embeddingTokens} tokens)`
        : '') +
      `, estimated cost $${estimate.costUsd.toFixed(6)}${estimate.unpriced ? ' (model without a known price: counted as free)' : ''}`,
  ];
  if (estimate.mode === 'fallback') {
    lines.push('no LLM configured: the fallback would run (the theme text and its embedding as the only query)');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function printList(
  list: CuratedList,
  store: {
    items: { get(ids: readonly string[]): Promise<Array<{ id: string; title: string; categories: string[] }>> };
  },
) {
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

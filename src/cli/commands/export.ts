// `lmrec export finetune`: instruction datasets from the feedback logs for LoRA or provider fine-tuning.

import type { Command } from 'commander';
import { InvalidInputError } from '../../core/errors.ts';
import { commandProgress, printJson, withStore } from '../context.ts';
import { numberFlag } from './number-flag.ts';

interface ExportFlags {
  task: string;
  out?: string;
  format: string;
  seed: string;
  history: string;
  candidates: string;
  negatives: string;
  holdoutLast: string;
  limit?: string;
  json?: boolean;
}

export function registerExport(program: Command): void {
  const command = program.command('export').description('export data from the store');
  command
    .command('finetune')
    .description('fine-tuning data from feedback logs: TALLRec yes/no preferences or listwise ranking')
    .requiredOption('--task <yesno|listwise>', 'yesno: "will the user like X?"; listwise: rank shuffled candidates')
    .requiredOption('--out <file>', 'where to write the JSONL')
    .option('--format <chat|alpaca>', 'chat: {"messages": […]} per line; alpaca: instruction/input/output', 'chat')
    .option('--seed <n>', 'seed for negatives, candidates and shuffles', '42')
    .option('--history <n>', 'liked items shown per example', '10')
    .option('--candidates <n>', 'listwise: candidates per list', '10')
    .option('--negatives <n>', 'yesno: negatives per positive', '1')
    .option('--holdout-last <n>', "each user's last positives held out as test items (never exported)", '1')
    .option('--limit <n>', 'at most this many examples (a seeded sample)')
    .option('--json', 'print the summary as JSON')
    .action(async (flags: ExportFlags, sub: Command) => {
      if (flags.task !== 'yesno' && flags.task !== 'listwise')
        throw new InvalidInputError(`--task must be yesno or listwise (got ${flags.task})`, {
          context: { field: '--task' },
        });
      if (flags.format !== 'chat' && flags.format !== 'alpaca')
        throw new InvalidInputError(`--format must be chat or alpaca (got ${flags.format})`, {
          context: { field: '--format' },
        });
      const integer = (text: string, flag: string, min: number) =>
        Math.round(numberFlag(text, flag, { min, max: 1e9 }));
      const { exportFinetune } = await import('../../llmrec/finetune/export-finetune.ts');
      const progress = commandProgress(sub);
      await withStore(sub, async (store) => {
        progress.start('export finetune');
        const summary = await exportFinetune({
          store,
          task: flags.task as 'yesno' | 'listwise',
          format: flags.format as 'chat' | 'alpaca',
          out: flags.out!,
          seed: integer(flags.seed, 'seed', 0),
          history: integer(flags.history, 'history', 1),
          candidates: integer(flags.candidates, 'candidates', 2),
          negatives: integer(flags.negatives, 'negatives', 0),
          holdoutLast: integer(flags.holdoutLast, 'holdout-last', 0),
          limit: flags.limit !== undefined ? integer(flags.limit, 'limit', 1) : undefined,
        });
        progress.done(`${summary.examples} examples`);
        if (flags.json) printJson(summary);
        else {
          const labels = summary.labels ? ` (${summary.labels.yes} Yes, ${summary.labels.no} No)` : '';
          process.stdout.write(
            `wrote ${summary.examples} ${flags.task} examples${labels} from ${summary.users} users to ${flags.out}; ` +
              `${summary.heldOut} held-out test items left out\n`,
          );
        }
      });
    });
}

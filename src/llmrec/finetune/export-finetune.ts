// `lmrec export finetune`: instruction data from the store's feedback logs as chat JSONL (OpenAI fine-tuning) or
// Alpaca JSONL (instruction/input/output, for LoRA tools), written atomically (temp file, then rename).

import fs from 'node:fs';
import { InvalidInputError } from '../../core/errors.ts';
import type { Item } from '../../core/types.ts';
import { chatToInstruction, toChatJsonl, toInstructionJsonl } from '../../llm/fine-tune/training-data.ts';
import type { Store } from '../../store/store.ts';
import { listItems } from '../enrich/catalog-items.ts';
import { type FinetuneOptions, finetuneExamples } from './finetune-examples.ts';
import { userTimelines } from './user-timelines.ts';

export interface ExportFinetuneOptions extends FinetuneOptions {
  store: Store;
  format: 'chat' | 'alpaca';
  /** Each user's last positives held out as test items (default 1). */
  holdoutLast?: number;
}

export interface ExportSummary {
  examples: number;
  users: number;
  /** Yes/no: examples answered Yes and No. */
  labels?: { yes: number; no: number };
  heldOut: number;
}

export async function buildFinetuneData(
  options: ExportFinetuneOptions,
): Promise<{ text: string; summary: ExportSummary }> {
  const timelines = await userTimelines(options.store, { holdoutLast: options.holdoutLast ?? 1 });
  const items = new Map<string, Item>((await listItems(options.store)).map((item) => [item.id, item]));
  const examples = finetuneExamples(timelines, items, options);
  if (examples.length === 0)
    throw new InvalidInputError(
      'export finetune: no examples: users need at least 3 positive events (clicks, purchases …) to make one',
      { context: { field: 'feedback' } },
    );
  const text = options.format === 'chat' ? toChatJsonl(examples) : toInstructionJsonl(examples.map(chatToInstruction));
  const answers = examples.map((example) => example.messages.at(-1)!.content);
  return {
    text,
    summary: {
      examples: examples.length,
      users: timelines.filter((timeline) => timeline.positives.length > 0).length,
      labels:
        options.task === 'yesno'
          ? { yes: answers.filter((a) => a === 'Yes').length, no: answers.filter((a) => a === 'No').length }
          : undefined,
      heldOut: timelines.reduce((sum, timeline) => sum + timeline.test.size, 0),
    },
  };
}

export async function exportFinetune(options: ExportFinetuneOptions & { out: string }): Promise<ExportSummary> {
  const { text, summary } = await buildFinetuneData(options);
  const temporary = `${options.out}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, options.out);
  return summary;
}

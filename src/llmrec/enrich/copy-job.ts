// `enrich copy` as a job: per item (and language) the LLM writes a description and selling points from the item's
// own fields; the checker rejects copy that states a fact the fields lack, the job retries once with the rejected
// facts named, and a second rejection falls back to the template. Stored where the shop reads it:
// `text.description_generated` (`_zh` for Chinese) and `text.selling_points_generated` (one point a line).

import { LmrecError } from '../../core/errors.ts';
import type { Item } from '../../core/types.ts';
import type { ApplyContext, LlmJob } from '../jobs/llm-job.ts';
import { checkCopy } from './copy-checker.ts';
import { copyOutput, copyPrompt, copySystem, type GeneratedCopy } from './copy-prompt.ts';
import { templateCopy } from './copy-template.ts';

export interface CopyUnit {
  item: Item;
  language: 'en' | 'zh';
}

export interface CopyResult extends GeneratedCopy {
  /** Checker rejections before the accepted answer (0, 1), or on the way to the fallback (2). */
  rejections: number;
}

/** Thrown when both answers invent facts: the runner then uses the template for this item. */
export class CopyRejectedError extends LmrecError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`copy rejected twice by the checker: ${problems.slice(0, 3).join('; ')}`, { context: { field: 'copy' } });
    this.name = 'CopyRejectedError';
    this.problems = problems;
  }
  static override isInstance(error: unknown): error is CopyRejectedError {
    return LmrecError.isInstance(error) && error.name === 'CopyRejectedError';
  }
}

export function copyJob(units: readonly CopyUnit[], brands: readonly string[]): LlmJob<CopyUnit, CopyResult> {
  return {
    name: 'enrich-copy',
    version: 'copy-1',
    units,
    key: (unit) => `${unit.item.id}:${unit.language}`,
    prompts: (unit) => [
      { system: copySystem(unit.language), prompt: copyPrompt(unit.item, unit.language), expectedOutputTokens: 220 },
    ],
    run: async (unit, llm) => {
      let rejected: string[] = [];
      for (let attempt = 0; attempt < 2; attempt++) {
        const answer = await llm.json({
          system: copySystem(unit.language),
          prompt: copyPrompt(unit.item, unit.language, rejected),
          schema: copyOutput,
          name: 'item_copy',
          temperature: 0.4,
        });
        const copy = { description: answer.value.description, sellingPoints: answer.value.selling_points };
        const check = checkCopy(unit.item, [copy.description, ...copy.sellingPoints].join('\n'), brands);
        if (check.ok) return { ...copy, rejections: attempt };
        rejected = check.problems;
      }
      throw new CopyRejectedError(rejected);
    },
    fallback: (unit, reason) => ({
      ...templateCopy(unit.item, unit.language),
      rejections: /rejected twice/.test(reason) ? 2 : 0,
    }),
    apply: (unit, result, context) => applyCopy(unit, result, context),
  };
}

async function applyCopy(unit: CopyUnit, result: CopyResult, context: ApplyContext): Promise<void> {
  const [item] = await context.store.items.get([unit.item.id]);
  if (!item) return;
  const suffix = unit.language === 'zh' ? '_zh' : '';
  const text = {
    ...item.text,
    [`description_generated${suffix}`]: result.description,
    [`selling_points_generated${suffix}`]: result.sellingPoints.join('\n'),
  };
  const previous = (item.attributes.enriched_copy as Record<string, unknown> | undefined) ?? {};
  const attributes = {
    ...item.attributes,
    enriched_copy: {
      ...previous,
      [unit.language]: {
        source: context.source === 'llm' ? 'llm' : 'template',
        rejections: result.rejections,
        at: Date.now(),
      },
    },
  };
  await context.store.items.upsert([{ ...item, text, attributes }]);
}

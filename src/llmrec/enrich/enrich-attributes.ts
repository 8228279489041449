// `lmrec enrich attributes`: the schema job per category, then the extraction job per item, sharing one budget;
// TF-IDF keyword tags over the items; with no LLM both jobs run their rule-based fallbacks and say so.

import { InvalidInputError } from '../../core/errors.ts';
import type { BudgetLimits } from '../../llm/usage/budget.ts';
import type { JobReport, RunJobOptions } from '../jobs/llm-job.ts';
import { runLlmJob } from '../jobs/run-llm-job.ts';
import { extractJob, type ItemUnit, schemaJob, schemaNamespace } from './attribute-jobs.ts';
import type { CategorySchema } from './attribute-schema.ts';
import { groupByCategory, listItems } from './catalog-items.ts';
import { keywordTags } from './keyword-tags.ts';
import { rulesSchema } from './rule-extractors.ts';

export interface EnrichOptions extends Omit<RunJobOptions, 'store'> {
  store: RunJobOptions['store'];
  /** Only this category (a key such as `tents`, or a name in the category path). */
  category?: string;
}

/** Runs both jobs; the reports come in order (schema, then extraction). */
export async function enrichAttributes(options: EnrichOptions): Promise<JobReport[]> {
  const items = await listItems(options.store, options.category);
  if (items.length === 0)
    throw new InvalidInputError(
      `enrich attributes: no items${options.category ? ` in category ${options.category}` : ''}`,
      {
        context: { field: 'category' },
      },
    );
  const groups = groupByCategory(items);
  const categories = [...groups].map(([category, members]) => ({ category, items: members }));
  const schemaReport = await runLlmJob(schemaJob(categories), options);
  const reports = [schemaReport];
  if (schemaReport.stopped) return reports;
  const schemas = new Map<string, CategorySchema>();
  for (const { category, items: members } of categories) {
    const stored = await options.store.kv.get<CategorySchema>(schemaNamespace, category);
    // A dry run has no schema yet for new categories: the rules' schema stands in for the estimate.
    const schema = stored ?? (options.dryRun ? rulesSchema(category, members) : null);
    if (schema) schemas.set(category, schema);
  }
  const units: ItemUnit[] = [];
  for (const { category, items: members } of categories) {
    const schema = schemas.get(category);
    if (schema) for (const item of members) units.push({ item, schema });
  }
  const keywords = keywordTags(items);
  reports.push(
    await runLlmJob(extractJob(units, keywords), { ...options, budget: remaining(options.budget, schemaReport) }),
  );
  return reports;
}

/** The budget left for the next job after `report`'s spending. */
export function remaining(budget: BudgetLimits | undefined, report: JobReport): BudgetLimits | undefined {
  if (!budget) return budget;
  const left: BudgetLimits = {};
  if (budget.maxCalls !== undefined) left.maxCalls = Math.max(0, budget.maxCalls - report.usage.calls);
  if (budget.maxTokens !== undefined)
    left.maxTokens = Math.max(0, budget.maxTokens - report.usage.promptTokens - report.usage.completionTokens);
  if (budget.maxCostUsd !== undefined) left.maxCostUsd = Math.max(0, budget.maxCostUsd - report.usage.costUsd);
  return left;
}

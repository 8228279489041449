// `lmrec enrich copy`: generated descriptions and selling points for the catalog (or one category), in English,
// Chinese or both; with no LLM the template copy runs and the report says so.

import { InvalidInputError } from '../../core/errors.ts';
import type { JobReport } from '../jobs/llm-job.ts';
import { runLlmJob } from '../jobs/run-llm-job.ts';
import { listItems } from './catalog-items.ts';
import { type CopyUnit, copyJob } from './copy-job.ts';
import type { EnrichOptions } from './enrich-attributes.ts';

export interface EnrichCopyOptions extends EnrichOptions {
  /** Languages to write (default: English). */
  languages?: ReadonlyArray<'en' | 'zh'>;
}

export async function enrichCopy(options: EnrichCopyOptions): Promise<JobReport> {
  const items = await listItems(options.store, options.category);
  if (items.length === 0)
    throw new InvalidInputError(`enrich copy: no items${options.category ? ` in category ${options.category}` : ''}`, {
      context: { field: 'category' },
    });
  const languages = options.languages ?? ['en'];
  const units: CopyUnit[] = items.flatMap((item) => languages.map((language) => ({ item, language })));
  const brands = [
    ...new Set(
      items.flatMap((item) => [item.attributes.brand, item.attributes.brand_zh]).filter((b) => typeof b === 'string'),
    ),
  ] as string[];
  return runLlmJob(copyJob(units, brands), options);
}

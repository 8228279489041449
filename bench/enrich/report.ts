// The markdown table of bench/llmrec-enrich.ts.

import { goldFields } from './gold.ts';

export interface Score {
  precision: number;
  recall: number;
  tp: number;
  fp: number;
  fn: number;
}
export type Scores = { overall: Score; byField: Record<string, Score> };

export function markdown(r: Record<string, unknown>): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const fb = r.fallback as Scores & { seconds: number };
  const llm = r.scriptedLlm as Scores & {
    seconds: number;
    calls: number;
    units: number;
    rerunCalls: number;
    rerunCacheHits: number;
    fellBack: number;
  };
  const real = r.realLlm as (Scores & { model: string; items: number }) | null;
  const lines = [
    `## enrich attributes: extraction on the demo catalog (seed ${r.seed}, ${r.items} items, ${r.goldValues} gold values stated in the text)`,
    '',
    '| field | rules P | rules R | scripted LLM P | scripted LLM R |' + (real ? ` ${real.model} P | R |` : ''),
    '|---|---|---|---|---|' + (real ? '---|---|' : ''),
  ];
  for (const field of goldFields) {
    const a = fb.byField[field];
    const b = llm.byField[field];
    if (!a && !b) continue;
    const c = real?.byField[field];
    lines.push(
      `| ${field} | ${a ? pct(a.precision) : '–'} | ${a ? pct(a.recall) : '–'} | ${b ? pct(b.precision) : '–'} | ${b ? pct(b.recall) : '–'} |` +
        (real ? ` ${c ? pct(c.precision) : '–'} | ${c ? pct(c.recall) : '–'} |` : ''),
    );
  }
  lines.push(
    `| **all (micro)** | **${pct(fb.overall.precision)}** | **${pct(fb.overall.recall)}** | **${pct(llm.overall.precision)}** | **${pct(llm.overall.recall)}** |` +
      (real ? ` **${pct(real.overall.precision)}** | **${pct(real.overall.recall)}** |` : ''),
    '',
    `Rules: ${fb.seconds.toFixed(1)} s for the whole catalog. Scripted LLM (fake server; the model answers from the truth with 8% of values left out and 4% wrong, in its own names and units): ${llm.calls} calls for ${llm.units} units, ${llm.fellBack} units fell back; a forced rerun made ${llm.rerunCalls} calls (${llm.rerunCacheHits} cache hits). ${real ? `Real provider: ${real.items} items.` : 'Real provider: not run (set LMREC_LLM).'}`,
    '',
  );
  const dry = r.dryRun as Array<{
    units: number;
    calls: number;
    promptTokens: number;
    completionTokens: number;
    costUsd: number;
  }>;
  lines.push(
    '| dry-run estimate (gpt-4o-mini) | units | calls | prompt tokens | completion tokens | cost |',
    '|---|---|---|---|---|---|',
    ...dry.map(
      (d, k) =>
        `| ${k === 0 ? 'schema per category' : 'extraction per item'} | ${d.units} | ${d.calls} | ${d.promptTokens} | ${d.completionTokens} | $${d.costUsd.toFixed(4)} |`,
    ),
    '',
    '## enrich copy: the checker',
    '',
    '| copy | tried | rejected |',
    '|---|---|---|',
  );
  for (const [kind, c] of Object.entries(r.copyChecker as Record<string, { tried: number; rejected: number }>))
    lines.push(
      `| ${kind === 'faithful' ? 'faithful (template) copy' : `+ invented ${kind}`} | ${c.tried} | ${c.rejected} (${pct(c.rejected / Math.max(1, c.tried))}) |`,
    );
  const job = r.copyJob as Record<string, number>;
  lines.push(
    '',
    `Copy job against scripted replies (50% of first answers and 40% of retries invent a people count): ${job.items} items, ${job.calls} calls; accepted first ${job.acceptedFirst}, after one retry ${job.acceptedAfterRetry}, template after two rejections ${job.template}; stored copy passing the checker: ${job.storedCopyPassingChecker}/${job.items}.`,
    '',
  );
  return lines.join('\n');
}

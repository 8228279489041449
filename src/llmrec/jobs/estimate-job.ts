// The `--dry-run` estimate of a job: calls, tokens and cost of its pending units from their prompts, priced for the
// configured model, with no network call (token counts by estimateTokens; Latin ~4 chars a token, CJK 1 a char).

import type { LlmGateway } from '../../llm/gateway.ts';
import { costOf, estimateTokens, priceOf } from '../../llm/usage/prices.ts';
import type { JobEstimate, JobPrompt } from './llm-job.ts';

/** Tokens a chat message costs beyond its text (role and separators), as OpenAI's cookbook counts them. */
const messageOverhead = 4;
const defaultOutputTokens = 150;

export function promptTokens(prompt: JobPrompt): number {
  let tokens = 3;
  if (prompt.system) tokens += estimateTokens(prompt.system) + messageOverhead;
  if (prompt.prompt) tokens += estimateTokens(prompt.prompt) + messageOverhead;
  for (const message of prompt.messages ?? []) {
    tokens += estimateTokens(message.content) + messageOverhead;
    // An image at low detail costs 85 tokens on OpenAI's models.
    tokens += (message.images?.length ?? 0) * 85;
  }
  return tokens;
}

export function estimateJob(
  prompts: readonly JobPrompt[][],
  llm: LlmGateway | null,
  role: 'chat' | 'fast' = 'chat',
): JobEstimate {
  const spec = llm?.configured(role) ? llm.settings.models[role][0] : null;
  let calls = 0;
  let prompt = 0;
  let completion = 0;
  for (const unit of prompts)
    for (const request of unit) {
      calls++;
      prompt += promptTokens(request);
      completion += request.expectedOutputTokens ?? defaultOutputTokens;
    }
  const price = spec && llm ? priceOf(spec, llm.settings.prices) : null;
  return {
    units: prompts.length,
    calls: spec ? calls : 0,
    promptTokens: spec ? prompt : 0,
    completionTokens: spec ? completion : 0,
    costUsd: spec ? costOf(price, { promptTokens: prompt, completionTokens: completion }) : 0,
    model: spec?.id ?? null,
    priced: price !== null,
  };
}

/** One line: "12 units, 13 calls, ~5,300 prompt + 1,950 completion tokens, ~$0.0020 on openai:gpt-4o-mini". */
export function describeEstimate(estimate: JobEstimate): string {
  if (!estimate.model) return `${estimate.units} units; no LLM configured, so the fallback would run: 0 calls, $0`;
  const cost = estimate.priced ? `~$${estimate.costUsd.toFixed(4)}` : 'cost unknown (no price for this model)';
  return (
    `${estimate.units} units, ${estimate.calls} calls, ~${estimate.promptTokens.toLocaleString('en-US')} prompt + ` +
    `${estimate.completionTokens.toLocaleString('en-US')} completion tokens, ${cost} on ${estimate.model}`
  );
}

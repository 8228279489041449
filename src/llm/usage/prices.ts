// Token prices in US dollars per million tokens. The built-in table covers common hosted models (list prices at the
// time of writing); `llm.prices` overrides it per spec or model. Ollama, local and self-hosted servers cost nothing.

import type { ModelSpec } from '../model-spec.ts';

export interface Price {
  /** USD per million input (prompt) tokens. */
  input: number;
  /** USD per million output (completion) tokens. */
  output: number;
}

export const defaultPrices: Record<string, Price> = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'text-embedding-3-small': { input: 0.02, output: 0 },
  'text-embedding-3-large': { input: 0.13, output: 0 },
  'deepseek-chat': { input: 0.27, output: 1.1 },
  'deepseek-reasoner': { input: 0.55, output: 2.19 },
};

const free = new Set(['ollama', 'local', 'openai-compatible']);

/** The price of a model: an override by spec id, then by model name, then the built-in table; null when unknown. */
export function priceOf(spec: Pick<ModelSpec, 'id' | 'model' | 'provider'>, overrides: Record<string, Price> = {}) {
  const price = overrides[spec.id] ?? overrides[spec.model];
  if (price) return price;
  if (free.has(spec.provider)) return { input: 0, output: 0 };
  return defaultPrices[spec.model] ?? null;
}

export function costOf(price: Price | null, tokens: { promptTokens: number; completionTokens: number }): number {
  if (!price) return 0;
  return (tokens.promptTokens * price.input + tokens.completionTokens * price.output) / 1_000_000;
}

/**
 * A token estimate for dry runs when no tokenizer is at hand: about four characters per token for Latin text and
 * one token per CJK character (BPE vocabularies rarely merge Chinese characters).
 */
export function estimateTokens(text: string): number {
  let cjk = 0;
  for (const char of text)
    if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(char)) cjk++;
  const other = text.length - cjk;
  return Math.ceil(cjk + other / 4);
}

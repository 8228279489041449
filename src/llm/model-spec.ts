// Model spec strings: `openai:gpt-4o-mini`, `ollama:qwen2.5`, `openai-compatible:http://host:8000/v1#model`,
// `local:./models/qwen.gguf`, `none`. A comma-separated list is a fallback chain, tried in order.

import { ConfigError } from '../core/errors.ts';
import { type ProviderName, providerNames } from './providers/catalog.ts';

export interface ModelSpec {
  provider: ProviderName;
  /** The model name sent to the provider (for `local:`, the file name). */
  model: string;
  /** Only for `openai-compatible:`: the server's base URL. */
  baseURL?: string;
  /** Only for `local:`: the GGUF file. */
  path?: string;
  /** Canonical text, used in cache keys, usage records and messages. */
  id: string;
}

/** Parses one spec; null for `none`. `source` names the setting in error messages (LMREC_LLM, llm.chat). */
export function parseModelSpec(text: string, source = 'model spec'): ModelSpec | null {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'none') return null;
  const colon = trimmed.indexOf(':');
  const provider = (colon < 0 ? trimmed : trimmed.slice(0, colon)) as ProviderName;
  const rest = colon < 0 ? '' : trimmed.slice(colon + 1).trim();
  const problem = (why: string) =>
    new ConfigError(`${source}: "${trimmed}": ${why}`, { context: { field: source, value: trimmed } });
  if (!providerNames.includes(provider))
    throw problem(`unknown provider "${provider}"; use one of ${providerNames.join(', ')}, or none`);
  if (rest === '') throw problem(`no model after "${provider}:"`);
  if (provider === 'openai-compatible') {
    const hash = rest.lastIndexOf('#');
    if (hash < 0) throw problem('write openai-compatible:<baseURL>#<model>');
    const baseURL = rest.slice(0, hash).replace(/\/+$/, '');
    const model = rest.slice(hash + 1);
    if (!/^https?:\/\/[^/]/.test(baseURL)) throw problem(`base URL "${baseURL}" is not an http(s) URL`);
    if (!model) throw problem('no model after "#"');
    return { provider, model, baseURL, id: `openai-compatible:${baseURL}#${model}` };
  }
  if (provider === 'local') {
    if (!rest.toLowerCase().endsWith('.gguf')) throw problem('local: takes the path of a .gguf file');
    const name = rest.split(/[\\/]/).pop()!;
    return { provider, model: name, path: rest, id: `local:${rest}` };
  }
  return { provider, model: rest, id: `${provider}:${rest}` };
}

/** Parses a fallback chain (`a,b`); empty for `none` or an empty value. */
export function parseModelChain(text: string | null | undefined, source = 'model spec'): ModelSpec[] {
  if (text === null || text === undefined) return [];
  const out: ModelSpec[] = [];
  for (const part of text.split(',')) {
    const spec = parseModelSpec(part, source);
    if (spec) out.push(spec);
  }
  return out;
}

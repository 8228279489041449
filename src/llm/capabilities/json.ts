// Schema-valid JSON. Providers with native structured output get the JSON Schema in response_format; the others get
// JSON mode plus the schema in the instructions; Ollama gets it in `format`, local models as a grammar. Every answer
// is parsed and validated, and an invalid one is sent back with the problem for a bounded number of repairs.

import { generateText, type ModelMessage, type OutputInterface } from 'ai';
import { LlmOutputError } from '../errors.ts';
import type { ModelSpec } from '../model-spec.ts';
import { providerCatalog } from '../providers/catalog.ts';
import { createLanguageModel } from '../providers/create-models.ts';
import { execute, type GatewayRuntime } from '../runtime/executor.ts';
import type { JsonRequest, JsonResult } from '../spec.ts';
import { extractJson, type ResolvedSchema, resolveSchema } from './output-schema.ts';
import { cacheableRequest, samplingOf, tokensOf, toSdkPrompt } from './prompt.ts';

export async function json<T>(runtime: GatewayRuntime, request: JsonRequest<T>): Promise<JsonResult<T>> {
  const schema = resolveSchema(request.schema);
  const attempts = request.attempts ?? runtime.settings.jsonAttempts;
  const result = await execute(runtime, {
    role: request.role ?? 'chat',
    kind: 'json',
    request: cacheableRequest(request, { schema: schema.jsonSchema, name: request.name }),
    options: request,
    run: (spec) => attemptJson(runtime, { spec, request, schema, attempts }),
    serialise: (answer) => answer.raw,
    deserialise: (raw) => ({ raw, attempts: 0 }),
  });
  const parsed = extractJson(result.value.raw);
  const checked = parsed.ok ? schema.validate(parsed.value) : null;
  if (!checked?.ok)
    // Only reachable when a cached answer no longer fits a changed schema of the same shape.
    throw new LlmOutputError(`${result.model}: cached answer does not fit the schema`, {
      rawOutput: result.value.raw,
      attempts: 0,
    });
  return {
    value: checked.value,
    raw: result.value.raw,
    model: result.model,
    cached: result.cached,
    attempts: result.value.attempts,
    usage: result.usage,
  };
}

async function attemptJson<T>(
  runtime: GatewayRuntime,
  options: { spec: ModelSpec; request: JsonRequest<T>; schema: ResolvedSchema<T>; attempts: number },
): Promise<{ value: { raw: string; attempts: number }; promptTokens: number; completionTokens: number }> {
  const { spec, request, schema } = options;
  const mode = providerCatalog[spec.provider].structuredOutput;
  const schemaInPrompt = mode === 'json-object';
  const prompt = toSdkPrompt(
    request,
    schemaInPrompt
      ? `Answer with one JSON value only, no prose, matching this JSON Schema:\n${JSON.stringify(schema.jsonSchema)}`
      : 'Answer with JSON only.',
  );
  const messages: ModelMessage[] = [...prompt.messages];
  const tokens = { promptTokens: 0, completionTokens: 0 };
  let raw = '';
  let problem = '';
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    const answer = await generateText({
      model: createLanguageModel(spec, runtime.providers),
      instructions: prompt.instructions,
      messages,
      output: jsonOutput({ schema: schemaInPrompt ? undefined : schema.jsonSchema, name: request.name }),
      providerOptions: strictOptions(spec, schema.strict),
      ...samplingOf(request),
      maxRetries: 0,
      abortSignal: request.signal,
    });
    const used = tokensOf(answer.usage);
    tokens.promptTokens += used.promptTokens;
    tokens.completionTokens += used.completionTokens;
    raw = answer.text;
    const parsed = extractJson(raw);
    const checked = parsed.ok ? schema.validate(parsed.value) : parsed;
    if (checked.ok) return { value: { raw, attempts: attempt }, ...tokens };
    problem = checked.problem;
    runtime.logger.info('llm.json.repair', { model: spec.id, attempt, problem });
    messages.push(
      { role: 'assistant', content: raw },
      { role: 'user', content: `That answer is invalid (${problem}). Reply with only the corrected JSON.` },
    );
  }
  throw new LlmOutputError(`${spec.id}: no valid JSON after ${options.attempts} attempts (${problem})`, {
    rawOutput: raw,
    attempts: options.attempts,
    context: { provider: spec.provider, ...tokens },
  });
}

/** An AI SDK output that asks for JSON and hands the text back untouched: validation and repair happen above. */
function jsonOutput(options: {
  schema?: Record<string, unknown>;
  name?: string;
}): OutputInterface<string, string, never> {
  return {
    name: 'json',
    // biome-ignore lint/suspicious/noExplicitAny: JSONSchema7 from the provider package
    responseFormat: Promise.resolve({ type: 'json', schema: options.schema as any, name: options.name }),
    parseCompleteOutput: async ({ text }) => text,
    parsePartialOutput: async ({ text }) => ({ partial: text }),
    createElementStreamTransform: () => undefined,
  };
}

/** Strict decoding only for schemas strict mode accepts; others are validated and repaired instead. */
function strictOptions(spec: ModelSpec, strict: boolean) {
  // Provider option keys are camelCase (openai-compatible → openaiCompatible).
  const key = spec.provider.replace(/-(\w)/g, (_match, letter: string) => letter.toUpperCase());
  return { openai: { strictJsonSchema: strict }, [key]: { strictJsonSchema: strict } };
}

// Chat with history, as one answer or as a token stream. Both go through the response cache; a stream falls back
// to the next provider only before its first token, and a stream that ends without a finish reason is an error.

import { generateText, streamText } from 'ai';
import { LlmProviderError } from '../errors.ts';
import { createLanguageModel } from '../providers/create-models.ts';
import {
  account,
  checkBudgets,
  execute,
  type GatewayRuntime,
  notConfigured,
  toTypedError,
  usageOf,
} from '../runtime/executor.ts';
import { requestKey } from '../runtime/response-cache.ts';
import { newTraceId, traceStorage } from '../runtime/trace.ts';
import { configureHint } from '../settings.ts';
import type { ChatReply, ChatRequest, NoLlmReply } from '../spec.ts';
import { cacheableRequest, samplingOf, tokensOf, toSdkPrompt } from './prompt.ts';

export async function chat(runtime: GatewayRuntime, request: ChatRequest): Promise<ChatReply | NoLlmReply> {
  const role = request.role ?? 'chat';
  if (runtime.settings.models[role].length === 0)
    return { kind: 'no-llm', message: `no LLM configured for ${role}`, hint: configureHint(role) };
  const prompt = toSdkPrompt(request);
  const result = await execute(runtime, {
    role,
    kind: 'chat',
    request: cacheableRequest(request),
    options: request,
    async run(spec) {
      const answer = await generateText({
        model: createLanguageModel(spec, runtime.providers),
        ...prompt,
        ...samplingOf(request),
        maxRetries: 0,
        abortSignal: request.signal,
      });
      return { value: answer.text, ...tokensOf(answer.usage) };
    },
    serialise: (text) => text,
    deserialise: (text) => text,
  });
  return { kind: 'reply', text: result.value, model: result.model, cached: result.cached, usage: result.usage };
}

export async function* streamChat(runtime: GatewayRuntime, request: ChatRequest): AsyncGenerator<string> {
  const role = request.role ?? 'chat';
  const specs = runtime.settings.models[role];
  if (specs.length === 0) throw notConfigured(role);
  const prompt = toSdkPrompt(request);
  const mode = request.cache ?? runtime.settings.cache;
  const keys = specs.map((spec) => requestKey({ model: spec.id, kind: 'chat', request: cacheableRequest(request) }));
  if (mode === 'read-write') {
    for (const key of keys) {
      const hit = await runtime.cache.get(key);
      if (!hit) continue;
      account(runtime, request, { model: hit.model, calls: 1, cacheHits: 1 });
      yield hit.text;
      return;
    }
  }
  for (const [index, spec] of specs.entries()) {
    await checkBudgets(runtime, request.job);
    // The trace lives across the generator's resumptions: every fetch of this stream counts in it.
    const trace = { traceId: newTraceId(), networkCalls: 0 };
    let text = '';
    try {
      const result = traceStorage.run(trace, () =>
        streamText({
          model: createLanguageModel(spec, runtime.providers),
          ...prompt,
          ...samplingOf(request),
          maxRetries: 0,
          abortSignal: request.signal,
          // Errors arrive as stream parts and are raised below; the SDK's default handler would also print them.
          onError: () => {},
        }),
      );
      let finished = false;
      let usage = { inputTokens: 0 as number | undefined, outputTokens: 0 as number | undefined };
      for await (const part of result.fullStream) {
        if (part.type === 'text-delta') {
          text += part.text;
          yield part.text;
        } else if (part.type === 'error') throw part.error;
        else if (part.type === 'finish') {
          finished = part.finishReason !== 'other' && part.rawFinishReason !== undefined;
          usage = part.totalUsage;
        }
      }
      if (!finished) throw new LlmProviderError(`${spec.id}: the stream ended without a finish reason (truncated)`);
      const spent = usageOf(runtime, spec, tokensOf(usage));
      account(runtime, request, { model: spec.id, calls: 1, networkCalls: trace.networkCalls, ...spent });
      if (mode !== 'off')
        await runtime.cache.set(keys[index], {
          text,
          model: spec.id,
          promptTokens: spent.promptTokens,
          completionTokens: spent.completionTokens,
          createdAt: Date.now(),
        });
      return;
    } catch (error) {
      if (request.signal?.aborted) throw error;
      const typed = toTypedError(error, spec);
      account(runtime, request, { model: spec.id, calls: 1, errors: 1, networkCalls: trace.networkCalls });
      if (text !== '' || index === specs.length - 1) throw typed;
      runtime.logger.info('llm.fallback', { from: spec.id, to: specs[index + 1].id, reason: typed.message });
    }
  }
}

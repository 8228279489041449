// A small provider for Ollama's native API (/api/chat and /api/embed, https://github.com/ollama/ollama/blob/main/docs/api.md):
// chat with history, images, tools and streaming (NDJSON), and structured output through `format` with a JSON Schema.

import type {
  EmbeddingModelV4,
  EmbeddingModelV4CallOptions,
  EmbeddingModelV4Result,
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4FinishReason,
  LanguageModelV4GenerateResult,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { LlmProviderError } from '../errors.ts';

export interface OllamaSettings {
  /** http://host:port, without /api. */
  baseURL: string;
  fetch: typeof fetch;
}

interface OllamaMessage {
  role: string;
  content: string;
  images?: string[];
  tool_calls?: Array<{ function: { name: string; arguments: unknown } }>;
  tool_name?: string;
}

interface OllamaChatChunk {
  message?: OllamaMessage;
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  error?: string;
}

export class OllamaLanguageModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider = 'ollama';
  readonly modelId: string;
  readonly supportedUrls = {};
  readonly #settings: OllamaSettings;

  constructor(modelId: string, settings: OllamaSettings) {
    this.modelId = modelId;
    this.#settings = settings;
  }

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    const body = this.#body(options, false);
    const response = await post(this.#settings, '/api/chat', body, options.abortSignal);
    const chunk = parseJson<OllamaChatChunk>(await response.text(), '/api/chat');
    if (!chunk.message) throw new LlmProviderError('ollama: /api/chat answered without a message');
    const content: LanguageModelV4Content[] = [];
    if (chunk.message.content) content.push({ type: 'text', text: chunk.message.content });
    for (const [index, call] of (chunk.message.tool_calls ?? []).entries()) content.push(toolCall(call, index));
    return {
      content,
      finishReason: finishReason(chunk, content),
      usage: usage(chunk),
      warnings: [],
      request: { body },
    };
  }

  async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    const body = this.#body(options, true);
    const response = await post(this.#settings, '/api/chat', body, options.abortSignal);
    const lines = response.body!.pipeThrough(new TextDecoderStream()).pipeThrough(splitLines());
    let started = false;
    let toolIndex = 0;
    let finished = false;
    const calls: LanguageModelV4Content[] = [];
    const stream = lines.pipeThrough(
      new TransformStream<string, LanguageModelV4StreamPart>({
        start(controller) {
          controller.enqueue({ type: 'stream-start', warnings: [] });
        },
        transform(line, controller) {
          if (!line.trim()) return;
          const chunk = parseJson<OllamaChatChunk>(line, '/api/chat stream');
          if (chunk.error) throw new LlmProviderError(`ollama: ${chunk.error}`);
          const text = chunk.message?.content ?? '';
          if (text) {
            if (!started) controller.enqueue({ type: 'text-start', id: 'text' });
            started = true;
            controller.enqueue({ type: 'text-delta', id: 'text', delta: text });
          }
          for (const call of chunk.message?.tool_calls ?? []) {
            const part = toolCall(call, toolIndex++);
            calls.push(part);
            controller.enqueue(part);
          }
          if (chunk.done) {
            finished = true;
            if (started) controller.enqueue({ type: 'text-end', id: 'text' });
            controller.enqueue({ type: 'finish', usage: usage(chunk), finishReason: finishReason(chunk, calls) });
          }
        },
        flush() {
          // A stream that ends before `done` is truncated: fail rather than return half an answer as complete.
          if (!finished) throw new LlmProviderError('ollama: the /api/chat stream ended before it was done');
        },
      }),
    );
    return { stream, request: { body } };
  }

  #body(options: LanguageModelV4CallOptions, stream: boolean): Record<string, unknown> {
    const tools = (options.tools ?? []).flatMap((tool) =>
      tool.type === 'function'
        ? [
            {
              type: 'function',
              function: { name: tool.name, description: tool.description, parameters: tool.inputSchema },
            },
          ]
        : [],
    );
    const format = options.responseFormat?.type === 'json' ? (options.responseFormat.schema ?? 'json') : undefined;
    return {
      model: this.modelId,
      messages: toOllamaMessages(options.prompt),
      stream,
      ...(tools.length && options.toolChoice?.type !== 'none' ? { tools } : {}),
      ...(format ? { format } : {}),
      options: {
        temperature: options.temperature,
        seed: options.seed,
        num_predict: options.maxOutputTokens,
        top_p: options.topP,
        top_k: options.topK,
        stop: options.stopSequences,
      },
    };
  }
}

export class OllamaEmbeddingModel implements EmbeddingModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider = 'ollama';
  readonly modelId: string;
  readonly maxEmbeddingsPerCall = 256;
  readonly supportsParallelCalls = true;
  readonly #settings: OllamaSettings;

  constructor(modelId: string, settings: OllamaSettings) {
    this.modelId = modelId;
    this.#settings = settings;
  }

  async doEmbed(options: EmbeddingModelV4CallOptions): Promise<EmbeddingModelV4Result> {
    const response = await post(
      this.#settings,
      '/api/embed',
      { model: this.modelId, input: options.values, ...(options.dimensions ? { dimensions: options.dimensions } : {}) },
      options.abortSignal,
    );
    const body = parseJson<{ embeddings?: number[][]; prompt_eval_count?: number }>(
      await response.text(),
      '/api/embed',
    );
    if (!Array.isArray(body.embeddings) || body.embeddings.length !== options.values.length)
      throw new LlmProviderError(
        `ollama: /api/embed returned ${body.embeddings?.length ?? 0} vectors for ${options.values.length} texts`,
      );
    return { embeddings: body.embeddings, usage: { tokens: body.prompt_eval_count ?? 0 }, warnings: [] };
  }
}

async function post(settings: OllamaSettings, path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  const response = await settings.fetch(`${settings.baseURL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    const message = (() => {
      try {
        return (JSON.parse(text) as { error?: string }).error ?? text;
      } catch {
        return text;
      }
    })();
    throw new LlmProviderError(`ollama: ${path} answered HTTP ${response.status}: ${message.slice(0, 200)}`, {
      status: response.status,
      context: { provider: 'ollama' },
    });
  }
  return response;
}

function toOllamaMessages(prompt: LanguageModelV4Prompt): OllamaMessage[] {
  const out: OllamaMessage[] = [];
  for (const message of prompt) {
    if (message.role === 'system') out.push({ role: 'system', content: message.content });
    else if (message.role === 'user') {
      const images: string[] = [];
      let content = '';
      for (const part of message.content) {
        if (part.type === 'text') content += part.text;
        else if (part.type === 'file' && part.mediaType.startsWith('image/') && part.data.type === 'data')
          images.push(
            typeof part.data.data === 'string' ? part.data.data : Buffer.from(part.data.data).toString('base64'),
          );
      }
      out.push({ role: 'user', content, ...(images.length ? { images } : {}) });
    } else if (message.role === 'assistant') {
      let content = '';
      const calls: NonNullable<OllamaMessage['tool_calls']> = [];
      for (const part of message.content) {
        if (part.type === 'text') content += part.text;
        else if (part.type === 'tool-call') calls.push({ function: { name: part.toolName, arguments: part.input } });
      }
      out.push({ role: 'assistant', content, ...(calls.length ? { tool_calls: calls } : {}) });
    } else {
      for (const part of message.content) {
        if (part.type !== 'tool-result') continue;
        const value =
          part.output.type === 'text' || part.output.type === 'error-text'
            ? part.output.value
            : JSON.stringify('value' in part.output ? part.output.value : part.output);
        out.push({ role: 'tool', content: value, tool_name: part.toolName });
      }
    }
  }
  return out;
}

function toolCall(call: { function: { name: string; arguments: unknown } }, index: number) {
  const input =
    typeof call.function.arguments === 'string'
      ? call.function.arguments
      : JSON.stringify(call.function.arguments ?? {});
  return { type: 'tool-call' as const, toolCallId: `ollama-call-${index}`, toolName: call.function.name, input };
}

function usage(chunk: OllamaChatChunk): LanguageModelV4Usage {
  return {
    inputTokens: {
      total: chunk.prompt_eval_count,
      noCache: chunk.prompt_eval_count,
      cacheRead: undefined,
      cacheWrite: undefined,
    },
    outputTokens: { total: chunk.eval_count, text: chunk.eval_count, reasoning: undefined },
  };
}

function finishReason(chunk: OllamaChatChunk, content: LanguageModelV4Content[]): LanguageModelV4FinishReason {
  if (content.some((part) => part.type === 'tool-call')) return { unified: 'tool-calls', raw: chunk.done_reason };
  return { unified: chunk.done_reason === 'length' ? 'length' : 'stop', raw: chunk.done_reason };
}

function parseJson<T>(text: string, where: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new LlmProviderError(`ollama: ${where} returned malformed JSON: ${text.slice(0, 80)}`, {
      context: { provider: 'ollama' },
    });
  }
}

function splitLines(): TransformStream<string, string> {
  let buffer = '';
  return new TransformStream({
    transform(chunk, controller) {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) controller.enqueue(line);
    },
    flush(controller) {
      if (buffer) controller.enqueue(buffer);
    },
  });
}

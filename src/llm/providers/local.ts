// `local:<file.gguf>`: a GGUF model run in-process by node-llama-cpp 3.21.1, an optional peer dependency loaded on
// first use. JSON output and tool calls are grammar-constrained (llama.createGrammarForJsonSchema), so the model can
// only emit schema-shaped text; LoRA adapters are applied when the context is created.

import { existsSync } from 'node:fs';
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
} from '@ai-sdk/provider';
import { NotFoundError } from '../../core/errors.ts';
import { LlmNotConfiguredError } from '../errors.ts';
import type { ModelSpec } from '../model-spec.ts';

export const nodeLlamaCppVersion = '3.21.1';

export interface LocalModelOptions {
  contextSize: number;
  gpuLayers: number | 'auto';
  lora: Array<{ path: string; scale: number }>;
}

/** The parts of node-llama-cpp's API used here (it is not installed at build time, so its types are not either). */
interface NodeLlamaCpp {
  getLlama(): Promise<Llama>;
  LlamaChatSession: new (options: { contextSequence: unknown }) => ChatSession;
}
interface Llama {
  loadModel(options: { modelPath: string; gpuLayers?: number | 'auto' }): Promise<LlamaModel>;
  createGrammarForJsonSchema(schema: unknown): Promise<unknown>;
}
interface LlamaModel {
  createContext(options: {
    contextSize?: number;
    lora?: { adapters: Array<{ filePath: string; scale?: number }> };
  }): Promise<{ getSequence(): unknown; dispose(): Promise<void> }>;
  tokenize(text: string): unknown[];
}
type ChatHistoryItem =
  | { type: 'system'; text: string }
  | { type: 'user'; text: string }
  | { type: 'model'; response: string[] };
interface ChatSession {
  setChatHistory(history: ChatHistoryItem[]): void;
  prompt(
    text: string,
    options: {
      grammar?: unknown;
      temperature?: number;
      seed?: number;
      maxTokens?: number;
      topK?: number;
      topP?: number;
      signal?: AbortSignal;
      onTextChunk?: (text: string) => void;
    },
  ): Promise<string>;
  dispose(): void;
}

const loaded = new Map<string, Promise<{ llama: Llama; model: LlamaModel; binding: NodeLlamaCpp }>>();

/** Imports node-llama-cpp, or explains how to install it. */
export async function importNodeLlamaCpp(): Promise<NodeLlamaCpp> {
  const name = 'node-llama-cpp';
  try {
    return (await import(name)) as NodeLlamaCpp;
  } catch (error) {
    throw new LlmNotConfiguredError('local: models need node-llama-cpp, which is not installed', {
      hint: `run \`npm install node-llama-cpp@${nodeLlamaCppVersion}\` (an optional peer dependency of lmrec)`,
      cause: error,
      context: { provider: 'local' },
    });
  }
}

export function createLocalLanguageModel(spec: ModelSpec, options: LocalModelOptions): LanguageModelV4 {
  return new LocalLanguageModel(spec.path!, options);
}

class LocalLanguageModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider = 'local';
  readonly modelId: string;
  readonly supportedUrls = {};
  readonly #path: string;
  readonly #options: LocalModelOptions;

  constructor(path: string, options: LocalModelOptions) {
    this.#path = path;
    this.modelId = path;
    this.#options = options;
  }

  async #load() {
    const key = `${this.#path}|${JSON.stringify(this.#options)}`;
    let entry = loaded.get(key);
    if (!entry) {
      entry = (async () => {
        if (!existsSync(this.#path))
          throw new NotFoundError(`local model ${this.#path} does not exist`, { context: { file: this.#path } });
        for (const adapter of this.#options.lora)
          if (!existsSync(adapter.path))
            throw new NotFoundError(`LoRA adapter ${adapter.path} does not exist`, { context: { file: adapter.path } });
        const binding = await importNodeLlamaCpp();
        const llama = await binding.getLlama();
        const model = await llama.loadModel({ modelPath: this.#path, gpuLayers: this.#options.gpuLayers });
        return { llama, model, binding };
      })();
      loaded.set(key, entry);
      entry.catch(() => loaded.delete(key));
    }
    return entry;
  }

  async #run(options: LanguageModelV4CallOptions, onText?: (text: string) => void) {
    const { llama, model, binding } = await this.#load();
    const context = await model.createContext({
      contextSize: this.#options.contextSize,
      ...(this.#options.lora.length
        ? {
            lora: { adapters: this.#options.lora.map((adapter) => ({ filePath: adapter.path, scale: adapter.scale })) },
          }
        : {}),
    });
    const session = new binding.LlamaChatSession({ contextSequence: context.getSequence() });
    try {
      const { history, last } = toChatHistory(options.prompt);
      session.setChatHistory(history);
      const schema = grammarSchema(options);
      const grammar = schema ? await llama.createGrammarForJsonSchema(schema) : undefined;
      const text = await session.prompt(last, {
        grammar,
        temperature: options.temperature,
        seed: options.seed,
        maxTokens: options.maxOutputTokens,
        topK: options.topK,
        topP: options.topP,
        signal: options.abortSignal,
        onTextChunk: grammar ? undefined : onText,
      });
      const promptText = [...history.map((item) => ('text' in item ? item.text : item.response.join(''))), last].join(
        '\n',
      );
      return { text, promptTokens: model.tokenize(promptText).length, completionTokens: model.tokenize(text).length };
    } finally {
      session.dispose();
      await context.dispose();
    }
  }

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    const result = await this.#run(options);
    const content = toContent(result.text, options);
    return {
      content,
      finishReason: { unified: content.some((part) => part.type === 'tool-call') ? 'tool-calls' : 'stop', raw: 'stop' },
      usage: usageOf(result),
      warnings: [],
    };
  }

  async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    const stream = new ReadableStream<LanguageModelV4StreamPart>({
      start: async (controller) => {
        controller.enqueue({ type: 'stream-start', warnings: [] });
        let open = false;
        try {
          const result = await this.#run(options, (delta) => {
            if (!open) controller.enqueue({ type: 'text-start', id: 'text' });
            open = true;
            controller.enqueue({ type: 'text-delta', id: 'text', delta });
          });
          if (open) controller.enqueue({ type: 'text-end', id: 'text' });
          else
            for (const part of toContent(result.text, options)) controller.enqueue(part as LanguageModelV4StreamPart);
          controller.enqueue({
            type: 'finish',
            usage: usageOf(result),
            finishReason: { unified: 'stop', raw: 'stop' },
          });
          controller.close();
        } catch (error) {
          controller.error(error);
        }
      },
    });
    return { stream };
  }
}

/** The grammar's schema: the response schema, or "one tool call or an answer" when tools are offered. */
export function grammarSchema(options: LanguageModelV4CallOptions): Record<string, unknown> | null {
  const tools = (options.tools ?? []).filter((tool) => tool.type === 'function');
  if (tools.length && options.toolChoice?.type !== 'none') {
    const calls = tools.map((tool) => ({
      type: 'object',
      properties: { tool: { const: tool.name }, arguments: tool.inputSchema },
      required: ['tool', 'arguments'],
    }));
    const answer = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
    return { oneOf: options.toolChoice?.type === 'required' ? calls : [...calls, answer] };
  }
  if (options.responseFormat?.type === 'json')
    return (options.responseFormat.schema as Record<string, unknown>) ?? { type: 'object' };
  return null;
}

function toContent(text: string, options: LanguageModelV4CallOptions): LanguageModelV4Content[] {
  if (!options.tools?.length || options.toolChoice?.type === 'none') return [{ type: 'text', text }];
  const parsed = JSON.parse(text) as { tool?: string; arguments?: unknown; answer?: string };
  if (parsed.tool)
    return [
      {
        type: 'tool-call',
        toolCallId: `local-${Date.now()}`,
        toolName: parsed.tool,
        input: JSON.stringify(parsed.arguments ?? {}),
      },
    ];
  return [{ type: 'text', text: parsed.answer ?? '' }];
}

/** The AI SDK prompt as node-llama-cpp chat history plus the last user text (the one to answer). */
export function toChatHistory(prompt: LanguageModelV4Prompt): { history: ChatHistoryItem[]; last: string } {
  const history: ChatHistoryItem[] = [];
  for (const message of prompt) {
    if (message.role === 'system') history.push({ type: 'system', text: message.content });
    else if (message.role === 'user')
      history.push({
        type: 'user',
        text: message.content.map((part) => (part.type === 'text' ? part.text : '')).join(''),
      });
    else if (message.role === 'assistant') {
      const text = message.content
        .map((part) =>
          part.type === 'text'
            ? part.text
            : part.type === 'tool-call'
              ? JSON.stringify({ tool: part.toolName, arguments: part.input })
              : '',
        )
        .join('');
      history.push({ type: 'model', response: [text] });
    } else {
      const results = message.content.map((part) =>
        part.type === 'tool-result'
          ? `Result of ${part.toolName}: ${JSON.stringify('value' in part.output ? part.output.value : part.output)}`
          : '',
      );
      history.push({ type: 'user', text: results.join('\n') });
    }
  }
  const lastItem = history.at(-1);
  if (lastItem?.type === 'user') {
    history.pop();
    return { history, last: lastItem.text };
  }
  return { history, last: '' };
}

function usageOf(result: { promptTokens: number; completionTokens: number }) {
  return {
    inputTokens: {
      total: result.promptTokens,
      noCache: result.promptTokens,
      cacheRead: undefined,
      cacheWrite: undefined,
    },
    outputTokens: { total: result.completionTokens, text: result.completionTokens, reasoning: undefined },
  };
}

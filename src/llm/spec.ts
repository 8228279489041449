// The LLM gateway's spec: the capability functions and the Embedder that other layers use. No dependencies, so
// recommenders, the pipeline and the server can depend on these shapes without loading a provider SDK.

/** Turns texts into fixed-length vectors; unit length, so a dot product is the cosine. */
export interface Embedder {
  /** Identifies the vector space: vectors from embedders with different names must not be compared. */
  readonly name: string;
  readonly dimension: number;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** An image for a vision request: bytes (PNG, JPEG, WebP) or an http(s) URL. */
export type ImageInput = { data: Uint8Array; mediaType?: string } | { url: string };

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  /** Images attached to a user message (vision). */
  images?: ImageInput[];
}

/** What every call may set; `none` of these changes which model answers, only how. */
export interface CallOptions {
  /** Which configured model answers: `chat` (default) or the cheaper `fast` one. */
  role?: 'chat' | 'fast';
  temperature?: number;
  /** Passed to providers that support seeded sampling. */
  seed?: number;
  maxOutputTokens?: number;
  /** read-write (default): answer from the cache when possible; refresh: always call, then store; off. */
  cache?: 'read-write' | 'refresh' | 'off';
  /** Accounts the call to this job (budgets, `usage --job`). */
  job?: string;
  signal?: AbortSignal;
}

export interface ChatRequest extends CallOptions {
  /** A single user turn, or the whole history. */
  prompt?: string;
  messages?: ChatMessage[];
  system?: string;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

export interface ChatReply {
  kind: 'reply';
  text: string;
  /** The model spec that answered (after any fallback), e.g. `openai:gpt-4o-mini`. */
  model: string;
  cached: boolean;
  usage: TokenUsage;
}

/** What chat returns when no model is configured: a one-line message and how to configure one. */
export interface NoLlmReply {
  kind: 'no-llm';
  message: string;
  hint: string;
}

/** A schema for structured output: a zod schema, or a plain JSON Schema object. */
export type OutputSchema<T> = { parse(value: unknown): T } | Record<string, unknown>;

export interface JsonRequest<T> extends ChatRequest {
  schema: OutputSchema<T>;
  /** Names the output for providers that use it (tool or schema name). */
  name?: string;
  /** Attempts at valid output (the first answer plus repairs); the configured `jsonAttempts` by default. */
  attempts?: number;
}

export interface JsonResult<T> {
  value: T;
  /** The model's raw text, byte-identical on a cache hit. */
  raw: string;
  model: string;
  cached: boolean;
  /** Model calls made: 1, or more after repairs (0 on a cache hit). */
  attempts: number;
  usage: TokenUsage;
}

/** A function the model may call; `parameters` validates the model's arguments before `execute` runs. */
export interface ToolDefinition<Input = never> {
  description: string;
  parameters: OutputSchema<Input>;
  execute(input: Input, context: { signal?: AbortSignal }): unknown;
}

export interface ToolRequest extends ChatRequest {
  // biome-ignore lint/suspicious/noExplicitAny: each tool has its own input type
  tools: Record<string, ToolDefinition<any>>;
  /** Model calls allowed (the configured `maxToolSteps` by default). */
  maxSteps?: number;
}

export interface ToolCallRecord {
  id: string;
  name: string;
  input: unknown;
  /** The tool's result, or the error message fed back to the model. */
  output?: unknown;
  error?: string;
}

export interface ToolRunResult {
  text: string;
  /** The tool calls of each step, in order; calls of one step ran in parallel. */
  steps: ToolCallRecord[][];
  /** answer: the model finished; step-limit: it was still calling tools when the limit was reached. */
  finish: 'answer' | 'step-limit';
  model: string;
  usage: TokenUsage;
}

/** The language capabilities: plain chat, a token stream, schema-valid JSON, and a tool loop. */
export interface LanguageCapabilities {
  chat(request: ChatRequest): Promise<ChatReply | NoLlmReply>;
  streamChat(request: ChatRequest): AsyncIterable<string>;
  json<T>(request: JsonRequest<T>): Promise<JsonResult<T>>;
  runTools(request: ToolRequest): Promise<ToolRunResult>;
  /** True when a model is configured for the role. */
  configured(role?: 'chat' | 'fast'): boolean;
}

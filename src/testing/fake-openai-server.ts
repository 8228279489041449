// A protocol-faithful fake of the OpenAI API on loopback, for tests through the real HTTP path: chat completions
// (JSON and SSE streaming, tool calls), embeddings, images, audio, files and fine-tuning jobs. It counts calls per
// endpoint, records request bodies, answers from a script of queued replies, and injects failures on demand.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FakeEndpoint, type ParsedBody, sendJson } from './fake-http.ts';
import { handleMedia, type MediaState, newMediaState } from './fake-openai-media.ts';

export type { FakeEndpoint } from './fake-http.ts';

/** A scripted chat answer: text, tool calls, or both. */
export interface FakeChatReply {
  content?: string;
  toolCalls?: Array<{ name: string; arguments: unknown }>;
  usage?: { promptTokens: number; completionTokens: number };
  /** Milliseconds to wait before answering. */
  delayMs?: number;
}

/** One scripted answer: fixed, or computed from the request body. */
export type FakeScriptEntry = FakeChatReply | string | ((body: ChatBody) => FakeChatReply | string);

/**
 * A failure for the next matching request: an HTTP status (429 may carry Retry-After seconds), a hang (no answer
 * until the client gives up), a 200 with malformed JSON, or a stream cut before it finishes.
 */
export type FakeFailure =
  | { status: number; retryAfter?: number; message?: string }
  | { hang: true }
  | { malformed: true }
  | { truncate: true };

export interface FakeRequest {
  endpoint: FakeEndpoint;
  path: string;
  /** Parsed JSON body, or the multipart fields (files as { name, size, type }). */
  body: Record<string, unknown>;
  at: number;
}

export interface FakeOpenAiServer {
  /** Base URL including /v1, for `openai-compatible:<url>#model`. */
  readonly url: string;
  readonly port: number;
  readonly counts: Record<FakeEndpoint, number>;
  readonly requests: FakeRequest[];
  /** Requests being answered now, and the most at once since the last reset. */
  readonly inFlight: { now: number; max: number };
  /**
   * Queues chat replies, used in order; afterwards the default reply answers. A function is a scripted reply that
   * reads the request (the tool results so far, the prompt) and answers from it.
   */
  replyWith(...replies: FakeScriptEntry[]): void;
  /** Makes the next `times` requests to `endpoint` (any endpoint when omitted) fail this way. */
  fail(failure: FakeFailure, options?: { endpoint?: FakeEndpoint; times?: number }): void;
  reset(): void;
  close(): Promise<void>;
}

export interface FakeOpenAiOptions {
  /** Chat answer when the script is empty: by default `fake reply to: <last user text>`. */
  defaultReply?: (body: ChatBody) => FakeChatReply | string;
  /** Length of the deterministic embedding vectors. */
  embeddingDimension?: number;
}

export interface ChatBody {
  model: string;
  messages: Array<{ role: string; content: unknown; tool_calls?: unknown[]; tool_call_id?: string }>;
  stream?: boolean;
  tools?: Array<{ function: { name: string } }>;
  tool_choice?: unknown;
  response_format?: unknown;
  seed?: number;
  temperature?: number;
}

export async function startFakeOpenAiServer(options: FakeOpenAiOptions = {}): Promise<FakeOpenAiServer> {
  const counts = emptyCounts();
  const requests: FakeRequest[] = [];
  const script: FakeScriptEntry[] = [];
  const failures: Array<{ failure: FakeFailure; endpoint?: FakeEndpoint; times: number }> = [];
  const media: MediaState = newMediaState();
  const hanging = new Set<http.ServerResponse>();
  const inFlight = { now: 0, max: 0 };

  const server = http.createServer(async (request, response) => {
    const raw = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://fake');
    const endpoint = endpointOf(url.pathname);
    if (request.method === 'GET' && url.pathname === '/__count') return sendJson(response, 200, counts);
    counts[endpoint]++;
    inFlight.max = Math.max(inFlight.max, ++inFlight.now);
    response.on('close', () => inFlight.now--);
    const body = await parseBody(raw, request.headers['content-type'] ?? '', url);
    if (body === null) return sendJson(response, 400, { error: { message: 'request body is not valid JSON' } });
    requests.push({ endpoint, path: url.pathname, body: body.fields, at: Date.now() });
    const failure = takeFailure(failures, endpoint);
    if (failure && 'hang' in failure) {
      hanging.add(response);
      return;
    }
    if (failure && 'status' in failure) {
      const headers: Record<string, string> =
        failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {};
      return sendJson(
        response,
        failure.status,
        { error: { message: failure.message ?? `injected ${failure.status}`, type: 'fake' } },
        headers,
      );
    }
    if (failure && 'malformed' in failure) {
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end('{"id": "broken", "choices": [');
    }
    if (endpoint === 'chat') {
      const chatBody = body.fields as unknown as ChatBody;
      const entry = script.shift();
      const next = entry
        ? toReply(typeof entry === 'function' ? entry(chatBody) : entry)
        : toReply(options.defaultReply?.(chatBody) ?? defaultReply(chatBody));
      const completion = completionOf(chatBody, next);
      if (next.delayMs) await new Promise((resolve) => setTimeout(resolve, next.delayMs));
      const truncate = failure !== null && 'truncate' in failure;
      if (truncate && !chatBody.stream) {
        response.writeHead(200, { 'content-type': 'application/json' });
        return void response.end(JSON.stringify(completion).slice(0, 40));
      }
      if (chatBody.stream) return streamCompletion(response, completion, truncate);
      return sendJson(response, 200, completion);
    }
    if (endpoint === 'embeddings') {
      const input = body.fields.input;
      const texts = (Array.isArray(input) ? input : [input]).map(String);
      const dimension = options.embeddingDimension ?? 8;
      return sendJson(response, 200, {
        object: 'list',
        model: body.fields.model,
        data: texts.map((text, index) => ({ object: 'embedding', index, embedding: fakeVector(text, dimension) })),
        usage: { prompt_tokens: texts.reduce((sum, text) => sum + tokens(text), 0), total_tokens: 0 },
      });
    }
    return handleMedia({
      endpoint,
      method: request.method ?? 'GET',
      path: url.pathname,
      body,
      state: media,
      response,
      send: sendJson,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    counts,
    requests,
    inFlight,
    replyWith: (...replies) => script.push(...replies),
    fail: (failure, failOptions = {}) =>
      failures.push({ failure, endpoint: failOptions.endpoint, times: failOptions.times ?? 1 }),
    reset() {
      Object.assign(counts, emptyCounts());
      requests.length = 0;
      script.length = 0;
      failures.length = 0;
      inFlight.max = inFlight.now;
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function emptyCounts(): Record<FakeEndpoint, number> {
  return {
    chat: 0,
    embeddings: 0,
    images: 0,
    speech: 0,
    transcriptions: 0,
    translations: 0,
    files: 0,
    fineTuning: 0,
    other: 0,
  };
}

function endpointOf(path: string): FakeEndpoint {
  if (path.endsWith('/chat/completions')) return 'chat';
  if (path.endsWith('/embeddings')) return 'embeddings';
  if (path.includes('/images/')) return 'images';
  if (path.endsWith('/audio/speech')) return 'speech';
  if (path.endsWith('/audio/transcriptions')) return 'transcriptions';
  if (path.endsWith('/audio/translations')) return 'translations';
  if (path.includes('/files')) return 'files';
  if (path.includes('/fine_tuning/')) return 'fineTuning';
  return 'other';
}

function takeFailure(
  failures: Array<{ failure: FakeFailure; endpoint?: FakeEndpoint; times: number }>,
  endpoint: FakeEndpoint,
): FakeFailure | null {
  const index = failures.findIndex((entry) => entry.endpoint === undefined || entry.endpoint === endpoint);
  if (index < 0) return null;
  const entry = failures[index];
  if (--entry.times <= 0) failures.splice(index, 1);
  return entry.failure;
}

function toReply(reply: FakeChatReply | string): FakeChatReply {
  return typeof reply === 'string' ? { content: reply } : reply;
}

function defaultReply(body: ChatBody): FakeChatReply {
  const lastUser = [...body.messages].reverse().find((message) => message.role === 'user');
  return { content: `fake reply to: ${textOf(lastUser?.content)}` };
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content
      .map((part) => (part?.type === 'text' ? part.text : part?.type === 'image_url' ? '[image]' : ''))
      .join(' ');
  return '';
}

/** Roughly four characters per token, so usage sums are predictable in tests. */
export function tokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function completionOf(body: ChatBody, reply: FakeChatReply) {
  const promptText = body.messages.map((message) => textOf(message.content)).join('\n');
  const toolCalls = reply.toolCalls?.map((call, index) => ({
    id: `call_${index + 1}_${Date.now()}`,
    type: 'function',
    function: {
      name: call.name,
      arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
    },
  }));
  const usage = reply.usage ?? {
    promptTokens: tokens(promptText),
    completionTokens: tokens(reply.content ?? JSON.stringify(toolCalls ?? '')),
  };
  return {
    id: `chatcmpl-fake-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.content ?? null,
          ...(toolCalls?.length ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: toolCalls?.length ? 'tool_calls' : 'stop',
      },
    ],
    usage: {
      prompt_tokens: usage.promptTokens,
      completion_tokens: usage.completionTokens,
      total_tokens: usage.promptTokens + usage.completionTokens,
    },
  };
}

function streamCompletion(
  response: http.ServerResponse,
  completion: ReturnType<typeof completionOf>,
  truncate: boolean,
): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const base = {
    id: completion.id,
    object: 'chat.completion.chunk',
    created: completion.created,
    model: completion.model,
  };
  const send = (chunk: Record<string, unknown>) => response.write(`data: ${JSON.stringify({ ...base, ...chunk })}\n\n`);
  const message = completion.choices[0].message as {
    content: string | null;
    tool_calls?: Array<Record<string, unknown>>;
  };
  send({ choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
  const content = message.content ?? '';
  const pieces = content.match(/[\s\S]{1,6}/g) ?? [];
  for (const [k, piece] of pieces.entries()) {
    if (truncate && k >= Math.ceil(pieces.length / 2)) return void response.end();
    send({ choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
  }
  if (truncate) return void response.end();
  if (message.tool_calls)
    send({
      choices: [
        {
          index: 0,
          delta: { tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })) },
          finish_reason: null,
        },
      ],
    });
  send({ choices: [{ index: 0, delta: {}, finish_reason: completion.choices[0].finish_reason }] });
  send({ choices: [], usage: completion.usage });
  response.end('data: [DONE]\n\n');
}

/** A deterministic unit vector from the text's characters. */
export function fakeVector(text: string, dimension: number): number[] {
  const vector = new Array<number>(dimension).fill(0);
  for (let k = 0; k < text.length; k++) vector[(text.charCodeAt(k) * 31 + k) % dimension] += 1;
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

async function readBody(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** JSON or multipart/form-data (parsed by the platform's Request); null when JSON is malformed. */
async function parseBody(raw: Buffer, contentType: string, url: URL): Promise<ParsedBody | null> {
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Request(url, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(raw),
    }).formData();
    const fields: Record<string, unknown> = {};
    const files: ParsedBody['files'] = {};
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') fields[key] = value;
      else {
        const data = new Uint8Array(await value.arrayBuffer());
        files[key] = { name: value.name, type: value.type, data };
        fields[key] = { name: value.name, size: data.length, type: value.type };
      }
    }
    return { fields, files };
  }
  if (raw.length === 0) return { fields: {}, files: {} };
  try {
    return { fields: JSON.parse(raw.toString('utf8')) as Record<string, unknown>, files: {} };
  } catch {
    return null;
  }
}

// A small fake of Ollama's native API on loopback: /api/chat (one JSON answer, or NDJSON lines when streaming,
// with tool calls) and /api/embed. Counts calls and records request bodies.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeVector, tokens } from './fake-openai-server.ts';

export interface FakeOllamaReply {
  content?: string;
  toolCalls?: Array<{ name: string; arguments: Record<string, unknown> }>;
}

export interface FakeOllamaServer {
  /** http://127.0.0.1:port, the value for OLLAMA_HOST. */
  readonly host: string;
  readonly counts: { chat: number; embed: number };
  readonly requests: Array<{ path: string; body: Record<string, unknown> }>;
  replyWith(...replies: Array<FakeOllamaReply | string>): void;
  /** Cuts the next streamed answer before its `done` line. */
  truncateNext(): void;
  close(): Promise<void>;
}

export async function startFakeOllamaServer(options: { embeddingDimension?: number } = {}): Promise<FakeOllamaServer> {
  const counts = { chat: 0, embed: 0 };
  const requests: FakeOllamaServer['requests'] = [];
  const script: FakeOllamaReply[] = [];
  let truncate = false;
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    } catch {
      response.writeHead(400, { 'content-type': 'application/json' });
      return void response.end('{"error":"invalid JSON"}');
    }
    requests.push({ path: request.url ?? '', body });
    if (request.url === '/api/embed') {
      counts.embed++;
      const input = Array.isArray(body.input) ? body.input : [body.input];
      const dimension = options.embeddingDimension ?? 8;
      response.writeHead(200, { 'content-type': 'application/json' });
      return void response.end(
        JSON.stringify({
          model: body.model,
          embeddings: input.map((text) => fakeVector(String(text), dimension)),
          prompt_eval_count: input.length,
        }),
      );
    }
    if (request.url !== '/api/chat') {
      response.writeHead(404, { 'content-type': 'application/json' });
      return void response.end(JSON.stringify({ error: `no route ${request.url}` }));
    }
    counts.chat++;
    const messages = (body.messages ?? []) as Array<{ role: string; content: string }>;
    const lastUser = [...messages].reverse().find((message) => message.role === 'user');
    const reply = script.shift() ?? { content: `ollama reply to: ${lastUser?.content ?? ''}` };
    const toolCalls = reply.toolCalls?.map((call) => ({ function: { name: call.name, arguments: call.arguments } }));
    const promptTokens = tokens(messages.map((message) => message.content).join('\n'));
    const content = reply.content ?? '';
    const final = {
      model: body.model,
      done: true,
      done_reason: 'stop',
      prompt_eval_count: promptTokens,
      eval_count: tokens(content),
    };
    // Ollama streams unless the request says `stream: false`.
    if (body.stream === false) {
      response.writeHead(200, { 'content-type': 'application/json' });
      return void response.end(
        JSON.stringify({
          ...final,
          message: { role: 'assistant', content, ...(toolCalls ? { tool_calls: toolCalls } : {}) },
        }),
      );
    }
    response.writeHead(200, { 'content-type': 'application/x-ndjson' });
    const pieces = content.match(/[\s\S]{1,5}/g) ?? [];
    for (const piece of pieces)
      response.write(
        `${JSON.stringify({ model: body.model, done: false, message: { role: 'assistant', content: piece } })}\n`,
      );
    if (toolCalls)
      response.write(
        `${JSON.stringify({ model: body.model, done: false, message: { role: 'assistant', content: '', tool_calls: toolCalls } })}\n`,
      );
    if (truncate) {
      truncate = false;
      return void response.end();
    }
    response.end(`${JSON.stringify({ ...final, message: { role: 'assistant', content: '' } })}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `http://127.0.0.1:${port}`,
    counts,
    requests,
    replyWith: (...replies) =>
      script.push(...replies.map((reply) => (typeof reply === 'string' ? { content: reply } : reply))),
    truncateNext: () => {
      truncate = true;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

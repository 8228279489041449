// Handlers of the chat and shopping-assistant routes: one turn as server-sent events (tokens, tool calls, item cards,
// the plan, progress, speech, done) or as one JSON result, and a stored session. The turn stops when the client goes.

import { Readable } from 'node:stream';
import type { z } from 'zod';
import type { ChatEvent, ChatTurnRequest, ChatTurnResult } from '../../llmrec/chat/types.ts';
import { mayActAs } from '../auth/acting.ts';
import { chatAssistantFor } from '../chat-service.ts';
import { HttpError } from '../http-error.ts';
import type { HandlerInput } from '../route.ts';
import type { chatBodySchema, sessionQuery } from '../schemas/chat.ts';

type ChatInput = HandlerInput<unknown, unknown, z.output<typeof chatBodySchema>>;

/** POST /api/chat: server-sent events unless the client asks for JSON only. */
export function chat(input: ChatInput) {
  return turn(input, { kind: input.body.kind, stream: !prefersJson(input) });
}

/** POST /api/assistant/plan: a plan as JSON, or as events when the client accepts text/event-stream. */
export function plan(input: ChatInput) {
  return turn(input, { kind: 'plan', stream: prefersEvents(input) });
}

export async function session(input: HandlerInput<{ id: string }, z.output<typeof sessionQuery>>) {
  const { params, query, principal, services } = input;
  const stored = await (await chatAssistantFor(services)).session(params.id);
  const userId = query.userId ?? principal?.subject ?? null;
  if (!stored || stored.userId !== userId)
    throw new HttpError(404, `no chat session ${params.id} for this user`, { field: 'id' });
  if (userId && !mayActAs(principal, userId, services))
    throw new HttpError(403, 'this session may only read its own conversations', { field: 'userId' });
  return {
    id: stored.id,
    userId: stored.userId,
    language: stored.language,
    turns: stored.turns,
    summary: stored.summary,
    plan: stored.plan as unknown as Record<string, unknown> | null,
    updatedAt: stored.updatedAt,
  };
}

async function turn(input: ChatInput, options: { kind: ChatTurnRequest['kind']; stream: boolean }) {
  const { body, principal, services, reply } = input;
  const userId = body.userId ?? (principal?.role === 'storefront' ? principal.subject : undefined) ?? null;
  if (userId && !mayActAs(principal, userId, services))
    throw new HttpError(403, 'this session may only chat as its own user', { field: 'userId' });
  const assistant = await chatAssistantFor(services);
  const controller = new AbortController();
  // The response closes early when the client goes away: stop the turn (and its LLM calls) then.
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  const request: ChatTurnRequest = {
    message: body.message,
    sessionId: body.sessionId,
    userId,
    kind: options.kind,
    language: body.language,
    limit: body.limit,
    audio: body.audio
      ? { data: new Uint8Array(Buffer.from(body.audio.data, 'base64')), filename: body.audio.filename }
      : undefined,
    speak: body.speak,
    signal: controller.signal,
  };
  if (!options.stream) {
    let audio: Extract<ChatEvent, { type: 'audio' }> | null = null;
    const result: ChatTurnResult = await assistant.run(request, (event) => {
      if (event.type === 'audio') audio = event;
    });
    const spoken = audio as Extract<ChatEvent, { type: 'audio' }> | null;
    return spoken
      ? { ...result, audio: { mediaType: spoken.mediaType, format: spoken.format, data: spoken.data } }
      : result;
  }
  reply.type('text/event-stream; charset=utf-8').header('cache-control', 'no-cache').header('x-accel-buffering', 'no');
  return Readable.from(serverSentEvents(assistant.turn(request)));
}

/** Each event as `event: <type>` and one JSON `data` line; a failure mid-stream becomes an `error` event. */
async function* serverSentEvents(events: AsyncIterable<ChatEvent>): AsyncGenerator<string> {
  try {
    for await (const event of events) yield `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    yield `event: error\ndata: ${JSON.stringify({ type: 'error', message })}\n\n`;
  }
}

function prefersJson(input: ChatInput): boolean {
  const accept = String(input.request.headers.accept ?? '');
  return accept.includes('application/json') && !accept.includes('text/event-stream');
}

function prefersEvents(input: ChatInput): boolean {
  return String(input.request.headers.accept ?? '').includes('text/event-stream');
}

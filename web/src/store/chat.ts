// The conversation with the shopping assistant: each turn streams from POST /api/chat (tokens, tool calls, item
// cards, a plan, done); the messages and the latest plan are kept for the browser tab.

import { ApiError } from '../shared/http.ts';
import { observable } from '../shared/observable.ts';
import { readServerEvents } from '../shared/sse.ts';
import type { ChatEvent, ItemCard, PlanView, ToolEvent } from './chat-types.ts';
import type { Language } from './i18n.ts';
import { currentSession, session } from './session.ts';

export interface ChatMessage {
  id: number;
  role: 'user' | 'assistant';
  text: string;
  items: ItemCard[];
  tools: ToolEvent[];
  /** The latest progress note while the turn runs. */
  progress: string | null;
  plan: PlanView | null;
  error: string | null;
  streaming: boolean;
  mode: 'llm' | 'basic' | null;
  /** Request id of the turn's cards (sent with their feedback). */
  requestId: string;
}

const storageKey = 'lmrec.chat';

interface Saved {
  userId: string | null;
  sessionId: string | null;
  messages: ChatMessage[];
  plan: PlanView | null;
}

function load(): Saved {
  try {
    const saved = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null') as Saved | null;
    if (saved) return { ...saved, messages: saved.messages.map((message) => ({ ...message, streaming: false })) };
  } catch {
    // A damaged entry starts a new conversation.
  }
  return { userId: null, sessionId: null, messages: [], plan: null };
}

let saved = load();
export const conversation = observable<ChatMessage[]>(saved.messages);
export const latestPlan = observable<PlanView | null>(saved.plan);
export const chatOpen = observable(false);
let controller: AbortController | null = null;

function persist(patch: Partial<Saved>): void {
  saved = { ...saved, ...patch };
  sessionStorage.setItem(storageKey, JSON.stringify(saved));
  if (patch.messages) conversation.set(patch.messages);
  if (patch.plan !== undefined) latestPlan.set(patch.plan);
}

// Conversations belong to their user: switching users starts a new one.
session.subscribe(() => {
  const userId = session.get()?.userId ?? null;
  if (saved.userId && userId !== saved.userId) persist({ userId, sessionId: null, messages: [], plan: null });
});

function update(id: number, change: (message: ChatMessage) => ChatMessage): void {
  persist({ messages: conversation.get().map((message) => (message.id === id ? change(message) : message)) });
}

/** Sends one message and streams the answer into the conversation. */
export async function sendMessage(text: string, options: { lang: Language; kind?: 'auto' | 'plan' }): Promise<void> {
  stopTurn();
  const visitor = await currentSession();
  const now = Date.now();
  const user: ChatMessage = blank(now, 'user', text);
  const answer: ChatMessage = { ...blank(now + 1, 'assistant', ''), streaming: true };
  persist({ userId: visitor.userId, messages: [...conversation.get(), user, answer] });
  const turn = new AbortController();
  controller = turn;
  try {
    const response = await fetch('/api/chat', {
      method: 'POST',
      headers: {
        accept: 'text/event-stream',
        'content-type': 'application/json',
        authorization: `Bearer ${visitor.token}`,
      },
      body: JSON.stringify({
        message: text,
        sessionId: saved.sessionId ?? undefined,
        language: options.lang,
        kind: options.kind ?? 'auto',
        limit: 6,
      }),
      signal: turn.signal,
    });
    if (!response.ok || !response.body) {
      const body = (await response.json().catch(() => ({}))) as { message?: string };
      throw new ApiError(response.status, body.message ?? `${response.status} ${response.statusText}`);
    }
    for await (const frame of readServerEvents(response.body)) apply(answer.id, frame.data as ChatEvent);
  } catch (error) {
    if (!turn.signal.aborted) {
      const message = error instanceof ApiError && error.status === 404 ? 'unavailable' : (error as Error).message;
      update(answer.id, (current) => ({ ...current, error: message }));
    }
  } finally {
    if (controller === turn) controller = null;
    update(answer.id, (current) => ({ ...current, streaming: false, progress: null }));
  }
}

export function stopTurn(): void {
  controller?.abort();
  controller = null;
}

export function clearConversation(): void {
  stopTurn();
  persist({ sessionId: null, messages: [], plan: null });
}

function apply(id: number, event: ChatEvent): void {
  switch (event.type) {
    case 'start':
      persist({ sessionId: event.sessionId });
      update(id, (message) => ({ ...message, mode: event.mode, requestId: `chat-${event.sessionId}-${id}` }));
      break;
    case 'progress':
      update(id, (message) => ({ ...message, progress: event.message }));
      break;
    case 'tool': {
      const { type: _type, ...tool } = event;
      update(id, (message) => ({ ...message, tools: [...message.tools, tool] }));
      break;
    }
    case 'token':
      update(id, (message) => ({ ...message, text: message.text + event.text }));
      break;
    case 'item':
      update(id, (message) =>
        message.items.some((card) => card.id === event.card.id)
          ? message
          : { ...message, items: [...message.items, event.card] },
      );
      break;
    case 'plan':
      update(id, (message) => ({ ...message, plan: event.plan }));
      persist({ plan: event.plan });
      break;
    case 'done':
      update(id, (message) => ({
        ...message,
        text: message.text || event.result.reply,
        items: message.items.length ? message.items : event.result.items,
        plan: event.result.plan ?? message.plan,
      }));
      if (event.result.plan) persist({ plan: event.result.plan });
      break;
    case 'error':
      update(id, (message) => ({ ...message, error: event.message }));
      break;
    default:
      break;
  }
}

function blank(id: number, role: ChatMessage['role'], text: string): ChatMessage {
  return {
    id,
    role,
    text,
    items: [],
    tools: [],
    progress: null,
    plan: null,
    error: null,
    streaming: false,
    mode: null,
    requestId: `chat-${id}`,
  };
}

// The thread-store port: persisted conversation threads of an assistant, one JSON value per thread.

import { randomUUID } from 'node:crypto';
import type { KeyValuePort } from '../ports.ts';
import type { ChatMessage } from '../spec.ts';

export interface ThreadMessage extends ChatMessage {
  at: number;
  /** File chunks the answer was grounded on (assistant messages). */
  sources?: string[];
}

export interface Thread {
  id: string;
  assistant: string;
  messages: ThreadMessage[];
  createdAt: number;
  updatedAt: number;
}

export interface ThreadStore {
  create(assistant: string): Promise<Thread>;
  get(id: string): Promise<Thread | null>;
  save(thread: Thread): Promise<void>;
}

export const threadNamespace = 'llm-threads';

export class KeyValueThreadStore implements ThreadStore {
  readonly #store: KeyValuePort;

  constructor(store: KeyValuePort) {
    this.#store = store;
  }

  async create(assistant: string): Promise<Thread> {
    const now = Date.now();
    const thread: Thread = { id: `thread_${randomUUID()}`, assistant, messages: [], createdAt: now, updatedAt: now };
    await this.save(thread);
    return thread;
  }

  get(id: string): Promise<Thread | null> {
    return this.#store.get<Thread>(threadNamespace, id);
  }

  async save(thread: Thread): Promise<void> {
    await this.#store.set(threadNamespace, thread.id, { ...thread, updatedAt: Date.now() });
  }
}

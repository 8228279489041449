// Assistants: a named persona (instructions), files it may read (chunked, embedded, retrieved by cosine), tools it
// may call, and persisted threads. A run appends the user's message, retrieves the closest file chunks, runs the
// tool loop over the thread's history, and stores the answer with the chunks it was given.

import { NotFoundError } from '../../core/errors.ts';
import { cosine } from '../embedders/embedded.ts';
import type { KeyValuePort } from '../ports.ts';
import type { Embedder, LanguageCapabilities, TokenUsage, ToolCallRecord, ToolDefinition } from '../spec.ts';
import { chunkText } from './chunk-text.ts';
import type { Thread, ThreadStore } from './thread-store.ts';

export interface AssistantDefinition {
  name: string;
  /** The persona: who it is, what it may do, how it answers. */
  instructions: string;
  // biome-ignore lint/suspicious/noExplicitAny: each tool has its own input type
  tools?: Record<string, ToolDefinition<any>>;
  /** File chunks put in front of the model per run (default 4). */
  retrieve?: number;
}

export interface AssistantPorts {
  llm: LanguageCapabilities;
  embedder: Embedder;
  threads: ThreadStore;
  /** Where file chunks and their vectors persist. */
  store: KeyValuePort;
}

interface StoredChunk {
  file: string;
  index: number;
  text: string;
  /** base64 Float32 vector. */
  vector: string;
}

export interface AssistantRun {
  thread: Thread;
  reply: string;
  /** `file#chunk` of the chunks given to the model. */
  sources: string[];
  steps: ToolCallRecord[][];
  usage: TokenUsage;
}

export class Assistant {
  readonly definition: AssistantDefinition;
  readonly #ports: AssistantPorts;

  constructor(definition: AssistantDefinition, ports: AssistantPorts) {
    this.definition = definition;
    this.#ports = ports;
  }

  get #namespace(): string {
    return `llm-assistant-files:${this.definition.name}:${this.#ports.embedder.name}`;
  }

  /** Adds (or replaces) a file the assistant may read; returns its number of chunks. */
  async addFile(name: string, text: string): Promise<number> {
    const chunks = chunkText(text);
    const vectors = await this.#ports.embedder.embed(chunks);
    for (const [index, chunk] of chunks.entries()) {
      const vector = Buffer.from(vectors[index].buffer, vectors[index].byteOffset, vectors[index].byteLength).toString(
        'base64',
      );
      await this.#ports.store.set(this.#namespace, `${name}#${String(index).padStart(5, '0')}`, {
        file: name,
        index,
        text: chunk,
        vector,
      });
    }
    return chunks.length;
  }

  createThread(): Promise<Thread> {
    return this.#ports.threads.create(this.definition.name);
  }

  async run(threadId: string, message: string): Promise<AssistantRun> {
    const thread = await this.#ports.threads.get(threadId);
    if (!thread || thread.assistant !== this.definition.name)
      throw new NotFoundError(`thread ${threadId} of assistant ${this.definition.name} does not exist`, {
        context: { field: 'thread' },
      });
    const chunks = await this.#retrieve(message);
    const files = chunks.length
      ? `\n\nFile excerpts you may use (cite them as [file#chunk]):\n${chunks.map((chunk) => `[${chunk.file}#${chunk.index}] ${chunk.text}`).join('\n')}`
      : '';
    const result = await this.#ports.llm.runTools({
      system: `${this.definition.instructions}${files}`,
      messages: [
        ...thread.messages.map(({ role, content }) => ({ role, content })),
        { role: 'user', content: message },
      ],
      tools: this.definition.tools ?? {},
      cache: 'off',
    });
    const sources = chunks.map((chunk) => `${chunk.file}#${chunk.index}`);
    const now = Date.now();
    thread.messages.push(
      { role: 'user', content: message, at: now },
      { role: 'assistant', content: result.text, at: now, sources },
    );
    await this.#ports.threads.save(thread);
    return { thread, reply: result.text, sources, steps: result.steps, usage: result.usage };
  }

  async #retrieve(query: string): Promise<StoredChunk[]> {
    const stored = await this.#ports.store.entries<StoredChunk>(this.#namespace);
    if (stored.length === 0) return [];
    const [queryVector] = await this.#ports.embedder.embed([query]);
    const scored = stored.map(({ value }) => {
      const bytes = Buffer.from(value.vector, 'base64');
      // Copied: a pooled Buffer's offset need not be a multiple of four.
      const vector = new Float32Array(new Uint8Array(bytes).buffer);
      return { chunk: value, score: cosine(queryVector, vector) };
    });
    scored.sort((a, b) => b.score - a.score);
    return scored.slice(0, this.definition.retrieve ?? 4).map((entry) => entry.chunk);
  }
}

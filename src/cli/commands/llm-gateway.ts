// The gateway for `lmrec llm …` commands, wired to the store: the response cache, embeddings and usage persist in
// its key-value table (SQLite, or PostgreSQL when the store is one).

import type { Command } from 'commander';
import { createLlmGateway, type LlmGateway } from '../../llm/gateway.ts';
import { withStore } from '../context.ts';

/** Opens the store and a gateway on it, runs `work`, then flushes usage and closes the store. */
export async function withGateway<T>(command: Command, work: (gateway: LlmGateway) => Promise<T>): Promise<T> {
  return withStore(command, async (store, config) => {
    const gateway = createLlmGateway({ config: config.llm, store: store.kv });
    try {
      return await work(gateway);
    } finally {
      await gateway.close();
    }
  });
}

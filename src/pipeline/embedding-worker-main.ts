// The embedding worker's entry point (see embedding-worker.ts).

import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { LlmConfig } from '../core/config/llm.ts';
import { createLlmGateway } from '../llm/gateway.ts';
import { openStore } from '../store/open.ts';
import { embedItems } from './item-vectors.ts';

// Background work yields the CPU to request handling: on Linux the nice value is per thread, so this lowers only
// this worker (the API's event loop keeps its priority).
try {
  os.setPriority(19);
} catch {
  // Not permitted here: the worker runs at normal priority.
}

const input = workerData as { location: string; llm: Partial<LlmConfig> };
const store = await openStore(input.location);
const gateway = createLlmGateway({ config: input.llm, store: store.kv });
const embedder = await gateway.embedder();
// Index requests run one at a time; queries are answered in between.
let indexing: Promise<unknown> = Promise.resolve();

parentPort!.on(
  'message',
  async (message: { id: number; type: string; texts?: string[]; namespace?: string; ids?: string[] }) => {
    const reply = (body: Record<string, unknown>) => parentPort!.postMessage({ id: message.id, ...body });
    try {
      if (message.type === 'name') reply({ name: embedder.name });
      else if (message.type === 'embed') reply({ vectors: await embedder.embed(message.texts ?? []) });
      else if (message.type === 'index') {
        indexing = indexing.then(() =>
          embedItems({ store, embedder, namespace: message.namespace ?? 'items', ids: message.ids }).then(
            (count) => reply({ count }),
            (error) => reply({ error: (error as Error).message }),
          ),
        );
      }
    } catch (error) {
      reply({ error: (error as Error).message });
    }
  },
);

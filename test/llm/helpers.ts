// Shared setup for gateway tests: a gateway whose chat model is the fake OpenAI-compatible server.

import type { LlmConfig } from '../../src/core/config/llm.ts';
import { createLlmGateway, type LlmGateway } from '../../src/llm/gateway.ts';
import type { KeyValuePort } from '../../src/llm/ports.ts';
import type { LlmLogger } from '../../src/llm/runtime/logger.ts';
import type { FakeOpenAiServer } from '../../src/testing/fake-openai-server.ts';

export const testApiKey = 'sk-test-secret-0123456789';

export function fakeSpec(server: FakeOpenAiServer, model = 'fake-model'): string {
  return `openai-compatible:${server.url}#${model}`;
}

export function gatewayFor(
  server: FakeOpenAiServer | null,
  options: { config?: Partial<LlmConfig>; env?: Record<string, string>; store?: KeyValuePort; logger?: LlmLogger } = {},
): LlmGateway {
  return createLlmGateway({
    config: { chat: server ? fakeSpec(server) : null, retries: 2, timeoutMs: 5000, ...options.config },
    env: { OPENAI_API_KEY: testApiKey, ...options.env },
    store: options.store,
    logger: options.logger,
  });
}

/** A logger that keeps its lines, to check what would be written. */
export function memoryLogger(): LlmLogger & { lines: string[] } {
  const lines: string[] = [];
  const push =
    (level: string) =>
    (event: string, fields: Record<string, unknown> = {}) =>
      lines.push(JSON.stringify({ level, event, ...fields }));
  return { lines, info: push('info'), debug: push('debug') };
}

// Opens the shared state: Redis when a URL is configured (LMREC_REDIS_URL), else in-process memory.

import { MemorySharedState } from './memory/shared-state.ts';
import type { SharedState } from './shared-state.ts';

export async function openSharedState(redisUrl: string | null | undefined, prefix?: string): Promise<SharedState> {
  if (!redisUrl) return new MemorySharedState();
  const { RedisSharedState } = await import('./redis/shared-state.ts');
  return RedisSharedState.open(redisUrl, { prefix });
}

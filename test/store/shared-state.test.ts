import { MemorySharedState } from '../../src/store/memory/shared-state.ts';
import { RedisSharedState } from '../../src/store/redis/shared-state.ts';
import { serviceAbsent, testRedisUrl } from '../../src/testing/services.ts';
import { runSharedStateContract } from '../../src/testing/shared-state-contract.ts';

runSharedStateContract({ name: 'memory', crossProcess: false, create: async () => new MemorySharedState() });

runSharedStateContract({
  name: 'redis',
  crossProcess: true,
  skip: await serviceAbsent(testRedisUrl, 'Redis'),
  create: async () => RedisSharedState.open(testRedisUrl, { prefix: `lmrec-test:${process.pid}:` }),
});

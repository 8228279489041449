// PostgreSQL adapter of the Store port (the serving issue implements it).

import { ConfigError } from '../../core/errors.ts';
import type { Store } from '../store.ts';

export const PostgresStore = {
  async open(location: string): Promise<Store> {
    throw new ConfigError(
      `the PostgreSQL store is not available yet (asked for ${location.replace(/\/\/[^@]*@/, '//')})`,
    );
  },
};

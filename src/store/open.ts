// Opens a Store from a location: a file path (SQLite, the default) or a postgres:// URL.

import type { Store } from './store.ts';

export const defaultDatabasePath = './lmrec.db';

export async function openStore(location: string = defaultDatabasePath): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    const { PostgresStore } = await import('./postgres/store.ts');
    return PostgresStore.open(location);
  }
  const { SqliteStore } = await import('./sqlite/store.ts');
  return SqliteStore.open(location);
}

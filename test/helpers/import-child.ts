// Runs one csv import in a child process for the kill test, printing progress lines that the parent waits for.
// Usage: node import-child.ts <db> <csv>

import { importData } from '../../src/data/import/import-data.ts';
import { SqliteStore } from '../../src/store/sqlite/store.ts';

const [db, csv] = process.argv.slice(2);
// A small page cache, so the open transaction spills pages into the WAL before the parent kills us.
const store = SqliteStore.open(db, { cacheSizeKb: 256 });
let bytes = 0;
const report = await importData(
  store,
  { format: 'csv', path: csv, table: { user: 'user', item: 'item', value: 'value', time: 'time' } },
  {
    batchSize: 500,
    progress: {
      start() {},
      tick(amount = 1) {
        bytes += amount;
        process.stdout.write(`bytes ${bytes}\n`);
      },
      note() {},
      done() {},
    },
  },
);
process.stdout.write(`done ${report.stored}\n`);
await store.close();

// `lmrec keys create|list|revoke`: API keys of the REST API (only hashes are stored; a new key is shown once).

import type { Command } from 'commander';
import { InvalidInputError, NotFoundError } from '../../core/errors.ts';
import { ApiKeys } from '../../server/auth/api-keys.ts';
import type { Store } from '../../store/store.ts';
import { printJson, printTable, withStore } from '../context.ts';

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('API keys of the REST API (admin or client role)');
  keys
    .command('create')
    .description('make a key and print it once')
    .requiredOption('--role <role>', 'admin (catalog, config, keys) or client (recommendations, feedback)')
    .requiredOption('--name <name>', 'what the key is for')
    .option('--rate-limit <n>', 'requests per rate-limit window (default: the role’s)')
    .option('--json', 'print JSON')
    .action(async (options: { role: string; name: string; rateLimit?: string; json?: boolean }, command: Command) => {
      if (options.role !== 'admin' && options.role !== 'client') {
        throw new InvalidInputError(`--role must be admin or client (got ${options.role})`, {
          context: { field: 'role' },
        });
      }
      const rateLimit = options.rateLimit === undefined ? null : Number(options.rateLimit);
      if (rateLimit !== null && (!Number.isInteger(rateLimit) || rateLimit < 0)) {
        throw new InvalidInputError('--rate-limit must be a whole number', { context: { field: 'rate-limit' } });
      }
      await withStore(command, async (store) => {
        const created = await apiKeys(store).create({
          role: options.role as 'admin' | 'client',
          name: options.name,
          rateLimit,
        });
        if (options.json) printJson({ ...created.record, key: created.key });
        else process.stdout.write(`${created.key}\n(id ${created.record.id}, ${created.record.role}; shown once)\n`);
      });
    });
  keys
    .command('list')
    .description('list keys (ids, roles, names; never the keys)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withStore(command, async (store) => {
        const records = await apiKeys(store).list();
        if (options.json) printJson(records);
        else printTable(records.map((record) => ({ ...record, createdAt: new Date(record.createdAt).toISOString() })));
      });
    });
  keys
    .command('revoke <id>')
    .description('revoke a key by its id')
    .action(async (id: string, _options: unknown, command: Command) => {
      await withStore(command, async (store) => {
        if (!(await apiKeys(store).revoke(id)))
          throw new NotFoundError(`no API key with id ${id}`, { context: { field: 'id' } });
        process.stdout.write(`revoked ${id}\n`);
      });
    });
}

function apiKeys(store: Store): ApiKeys {
  // Limits matter only to the server; this command only makes, lists and revokes.
  return new ApiKeys({ store, defaultLimits: { admin: 0, client: 0, storefront: 0 } });
}

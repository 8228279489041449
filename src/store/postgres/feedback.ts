// Feedback in PostgreSQL: a batch is staged with COPY and written by set-based statements in one transaction.
// Idempotency keys are claimed first (INSERT … ON CONFLICT DO NOTHING), so two processes retrying the same event
// concurrently store it once: the second waits on the key's row lock and then finds it taken.

import { InvalidInputError } from '../../core/errors.ts';
import type { Feedback, FeedbackClass, FeedbackType } from '../../core/types.ts';
import { normalizeFeedback } from '../feedback-input.ts';
import type {
  FeedbackInput,
  FeedbackQuery,
  FeedbackRepository,
  FeedbackScanOptions,
  FeedbackWriteOptions,
  FeedbackWriteResult,
} from '../store.ts';
import type { PostgresContext, PostgresSession } from './context.ts';

const stageColumns = `ord integer, user_id text, item_id text, type_key integer, value double precision, ts bigint,
  context jsonb, idem text, claimed boolean NOT NULL DEFAULT false`;

export class PostgresFeedback implements FeedbackRepository {
  readonly #context: PostgresContext;
  readonly #types: { table: Map<string, { key: number; type: FeedbackType }> | null };

  constructor(context: PostgresContext, types: { table: Map<string, { key: number; type: FeedbackType }> | null }) {
    this.#context = context;
    this.#types = types;
  }

  async typeTable(reload = false): Promise<Map<string, { key: number; type: FeedbackType }>> {
    if (!this.#types.table || reload) {
      const rows = await this.#context.rows<{ key: number; name: string; class: FeedbackClass; weight: number }>(
        'SELECT key, name, class, weight FROM feedback_types',
      );
      this.#types.table = new Map(
        rows.map((row) => [row.name, { key: row.key, type: { name: row.name, class: row.class, weight: row.weight } }]),
      );
    }
    return this.#types.table;
  }

  async types(): Promise<FeedbackType[]> {
    return [...(await this.typeTable()).values()].map((entry) => entry.type);
  }

  async add(events: readonly FeedbackInput[], options: FeedbackWriteOptions = {}): Promise<FeedbackWriteResult> {
    if (events.length === 0) return { stored: 0, duplicates: 0 };
    let types = await this.typeTable();
    // Another process may have defined a type since we cached the table.
    if (events.some((event) => !types.has(event.type))) types = await this.typeTable(true);
    const known = new Set(types.keys());
    const normalized = events.map((event, index) => normalizeFeedback(event, `events[${index}]`, known));
    const mode = options.mode ?? 'accumulate';
    const create = options.createMissing ?? true;
    return this.#context.write(async (session) => {
      const stage = await session.stage('lmrec_feedback_stage', stageColumns);
      await session.copy(
        stage,
        ['ord', 'user_id', 'item_id', 'type_key', 'value', 'ts', 'context', 'idem'],
        normalized.map((event, ord) => [
          ord,
          event.userId,
          event.itemId,
          types.get(event.type)!.key,
          event.value,
          event.timestamp,
          event.context,
          event.idempotencyKey,
        ]),
      );
      if (create) await createMissing(session, stage);
      else await rejectMissing(session, stage);
      // Claim the batch's keys; keys already stored (or repeated within the batch) mark duplicates.
      await session.run(
        `WITH claimed AS (
           INSERT INTO idempotency_keys (key) SELECT DISTINCT idem FROM ${stage} WHERE idem IS NOT NULL
           ON CONFLICT (key) DO NOTHING RETURNING key)
         UPDATE ${stage} s SET claimed = true FROM claimed c WHERE s.idem = c.key`,
      );
      const accepted = `SELECT DISTINCT ON (u.key, i.key, s.type_key, s.ts) s.ord, u.key AS user_key,
          i.key AS item_key, s.type_key, s.value, s.ts, s.context, s.idem
        FROM (SELECT *, row_number() OVER (PARTITION BY idem ORDER BY ord) AS nth FROM ${stage}) s
        JOIN users u ON u.id = s.user_id JOIN items i ON i.id = s.item_id
        WHERE s.idem IS NULL OR (s.claimed AND s.nth = 1)
        ORDER BY u.key, i.key, s.type_key, s.ts, s.ord`;
      if (mode === 'overwrite') {
        // One row per (user, item, type): clear the old ones; the batch's last event per triple is written below.
        await session.run(
          `DELETE FROM feedback f USING (SELECT DISTINCT user_key, item_key, type_key FROM (${accepted}) a) a
           WHERE f.user_key = a.user_key AND f.item_key = a.item_key AND f.type_key = a.type_key`,
        );
      }
      // In overwrite mode only the batch's last event per (user, item, type) is kept.
      const latest =
        mode === 'overwrite'
          ? `SELECT DISTINCT ON (user_key, item_key, type_key) * FROM candidates
             ORDER BY user_key, item_key, type_key, ord DESC`
          : 'SELECT * FROM candidates';
      const [row] = await session.rows<{ inserted: number; candidates: number }>(
        `WITH candidates AS (${accepted}),
         accepted AS (${latest}),
         inserted AS (
           INSERT INTO feedback (user_key, item_key, type_key, value, ts, context)
           SELECT user_key, item_key, type_key, value, ts, context FROM accepted ORDER BY ord
           ON CONFLICT (user_key, item_key, type_key, ts) DO NOTHING
           RETURNING key, user_key, item_key, type_key, ts),
         linked AS (
           UPDATE idempotency_keys k SET feedback_key = n.key FROM inserted n JOIN accepted a
             ON a.user_key = n.user_key AND a.item_key = n.item_key AND a.type_key = n.type_key AND a.ts = n.ts
           WHERE k.key = a.idem RETURNING 1)
         SELECT (SELECT count(*) FROM inserted)::integer AS inserted,
           (SELECT count(*) FROM candidates)::integer AS candidates, (SELECT count(*) FROM linked)::integer AS linked`,
      );
      // Events superseded inside an overwrite batch were written and overwritten: they count as stored.
      const stored = mode === 'overwrite' ? row.candidates : row.inserted;
      return { stored, duplicates: normalized.length - stored };
    });
  }

  async forUser(userId: string, query: FeedbackQuery = {}): Promise<Feedback[]> {
    const where = ['f.user_key = (SELECT key FROM users WHERE id = $1)'];
    const params: unknown[] = [userId];
    if (query.since !== undefined) {
      params.push(query.since);
      where.push(`f.ts >= $${params.length}`);
    }
    if (query.types?.length) {
      params.push(query.types);
      where.push(`t.name = ANY($${params.length}::text[])`);
    }
    params.push(query.limit ?? 1000);
    const rows = await this.#context.rows<Omit<Feedback, 'userId'> & { context: Record<string, unknown> | null }>(
      `SELECT i.id AS "itemId", t.name AS type, f.value AS value, f.ts AS timestamp, f.context
       FROM feedback f JOIN items i ON i.key = f.item_key JOIN feedback_types t ON t.key = f.type_key
       WHERE ${where.join(' AND ')} ORDER BY f.ts DESC, f.key DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(({ context, ...row }) => (context ? { userId, ...row, context } : { userId, ...row }));
  }

  async *scan(options: FeedbackScanOptions = {}): AsyncIterable<Feedback[]> {
    const batchSize = options.batchSize ?? 50_000;
    const withContext = options.withContext ?? false;
    let after = 0;
    for (;;) {
      const rows = await this.#context.rows<Feedback & { key: number; context?: Record<string, unknown> | null }>(
        `SELECT f.key, ${withContext ? 'f.context, ' : ''}u.id AS "userId", i.id AS "itemId", t.name AS type, f.value, f.ts AS timestamp
         FROM feedback f JOIN users u ON u.key = f.user_key JOIN items i ON i.key = f.item_key
         JOIN feedback_types t ON t.key = f.type_key
         WHERE f.key > $1 AND f.ts >= $2 ORDER BY f.key LIMIT $3`,
        [after, options.since ?? 0, batchSize],
      );
      if (rows.length === 0) return;
      after = rows[rows.length - 1].key;
      yield rows.map(({ key: _key, context, ...event }) => (context ? { ...event, context } : event));
      if (rows.length < batchSize) return;
    }
  }
}

async function createMissing(session: PostgresSession, stage: string): Promise<void> {
  await session.run(
    `INSERT INTO users (id) SELECT DISTINCT user_id FROM ${stage} s
     WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id) ON CONFLICT (id) DO NOTHING`,
  );
  await session.run(
    `INSERT INTO items (id) SELECT DISTINCT item_id FROM ${stage} s
     WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.id = s.item_id) ON CONFLICT (id) DO NOTHING`,
  );
}

async function rejectMissing(session: PostgresSession, stage: string): Promise<void> {
  const [missing] = await session.rows<{ ord: number; field: 'userId' | 'itemId' }>(
    `SELECT ord, CASE WHEN NOT EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id) THEN 'userId' ELSE 'itemId' END AS field
     FROM ${stage} s
     WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id)
        OR NOT EXISTS (SELECT 1 FROM items i WHERE i.id = s.item_id)
     ORDER BY ord LIMIT 1`,
  );
  if (!missing) return;
  const field = `events[${missing.ord}].${missing.field}`;
  throw new InvalidInputError(`${field} is not a known ${missing.field === 'userId' ? 'user' : 'item'}`, {
    context: { field },
  });
}

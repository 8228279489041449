// Social edges in SQLite.

import type { SocialEdge } from '../../core/types.ts';
import type { SocialRepository } from '../store.ts';
import type { SqliteContext } from './context.ts';
import type { SqliteFeedback } from './feedback.ts';

export class SqliteSocial implements SocialRepository {
  readonly #context: SqliteContext;
  readonly #feedback: SqliteFeedback;

  constructor(context: SqliteContext, feedback: SqliteFeedback) {
    this.#context = context;
    this.#feedback = feedback;
  }

  async add(edges: readonly SocialEdge[]): Promise<number> {
    const context = this.#context;
    return context.write(() => {
      const insert = context.statement(
        `INSERT INTO social_edges (from_key, to_key, weight) VALUES (?, ?, ?)
         ON CONFLICT(from_key, to_key) DO UPDATE SET weight = excluded.weight`,
      );
      for (const edge of edges) {
        insert.run(
          this.#feedback.entityKey('users', edge.from, true),
          this.#feedback.entityKey('users', edge.to, true),
          edge.weight ?? 1,
        );
      }
      return edges.length;
    });
  }

  async of(userId: string): Promise<SocialEdge[]> {
    return this.#context
      .statement(
        `SELECT a.id AS "from", b.id AS "to", e.weight AS weight FROM social_edges e
         JOIN users a ON a.key = e.from_key JOIN users b ON b.key = e.to_key WHERE a.id = ?`,
      )
      .all(userId) as unknown as SocialEdge[];
  }

  async *scan(options: { batchSize?: number } = {}): AsyncIterable<SocialEdge[]> {
    const batchSize = options.batchSize ?? 50_000;
    const statement = this.#context.statement(
      `SELECT a.id AS "from", b.id AS "to", e.weight AS weight FROM social_edges e
       JOIN users a ON a.key = e.from_key JOIN users b ON b.key = e.to_key ORDER BY e.from_key, e.to_key LIMIT ? OFFSET ?`,
    );
    for (let offset = 0; ; offset += batchSize) {
      const rows = statement.all(batchSize, offset) as unknown as SocialEdge[];
      if (rows.length === 0) return;
      yield rows.map((row) => ({ from: row.from, to: row.to, weight: row.weight }));
      if (rows.length < batchSize) return;
    }
  }
}

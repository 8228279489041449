// Social edges in PostgreSQL; users named by an edge are created when missing.

import type { SocialEdge } from '../../core/types.ts';
import type { SocialRepository } from '../store.ts';
import type { PostgresContext } from './context.ts';

export class PostgresSocial implements SocialRepository {
  readonly #context: PostgresContext;

  constructor(context: PostgresContext) {
    this.#context = context;
  }

  async add(edges: readonly SocialEdge[]): Promise<number> {
    if (edges.length === 0) return 0;
    return this.#context.write(async (session) => {
      const stage = await session.stage(
        'lmrec_edge_stage',
        'ord integer, from_id text, to_id text, weight double precision',
      );
      await session.copy(
        stage,
        ['ord', 'from_id', 'to_id', 'weight'],
        edges.map((edge, ord) => [ord, edge.from, edge.to, edge.weight ?? 1]),
      );
      await session.run(
        `INSERT INTO users (id) SELECT id FROM (SELECT from_id AS id FROM ${stage} UNION SELECT to_id FROM ${stage}) s
         ON CONFLICT (id) DO NOTHING`,
      );
      await session.run(
        `INSERT INTO social_edges (from_key, to_key, weight)
         SELECT DISTINCT ON (a.key, b.key) a.key, b.key, s.weight FROM ${stage} s
         JOIN users a ON a.id = s.from_id JOIN users b ON b.id = s.to_id ORDER BY a.key, b.key, s.ord DESC
         ON CONFLICT (from_key, to_key) DO UPDATE SET weight = excluded.weight`,
      );
      return edges.length;
    });
  }

  async of(userId: string): Promise<SocialEdge[]> {
    return this.#context.rows<SocialEdge>(
      `SELECT a.id AS "from", b.id AS "to", e.weight FROM social_edges e
       JOIN users a ON a.key = e.from_key JOIN users b ON b.key = e.to_key WHERE a.id = $1 ORDER BY e.to_key`,
      [userId],
    );
  }

  async *scan(options: { batchSize?: number } = {}): AsyncIterable<SocialEdge[]> {
    const batchSize = options.batchSize ?? 50_000;
    let after = { from: 0, to: 0 };
    for (;;) {
      const rows = await this.#context.rows<SocialEdge & { from_key: number; to_key: number }>(
        `SELECT e.from_key, e.to_key, a.id AS "from", b.id AS "to", e.weight FROM social_edges e
         JOIN users a ON a.key = e.from_key JOIN users b ON b.key = e.to_key
         WHERE (e.from_key, e.to_key) > ($1, $2) ORDER BY e.from_key, e.to_key LIMIT $3`,
        [after.from, after.to, batchSize],
      );
      if (rows.length === 0) return;
      const last = rows[rows.length - 1];
      after = { from: last.from_key, to: last.to_key };
      yield rows.map((row) => ({ from: row.from, to: row.to, weight: row.weight }));
      if (rows.length < batchSize) return;
    }
  }
}

/**
 * Quota counters in D1 (table quota_counters): each addition is one upsert whose WHERE refuses it
 * when it would pass the limit, so servers sharing the database never count past it together.
 */
import type { D1Database } from './d1-types.js';
import type { QuotaCounters } from './quota-counters.js';
import { addCounterSql, NO_LIMIT } from './quota-sql.js';

export class D1QuotaCounters implements QuotaCounters {
  readonly #db: D1Database;

  constructor(db: D1Database) {
    this.#db = db;
  }

  async add(key: string, window: number, amount: number, limit?: number): Promise<number | null> {
    // A first addition above the limit is refused before the insert (the upsert's WHERE guards updates only)
    if (limit !== undefined && amount > limit) return null;
    const row = await this.#db
      .prepare(addCounterSql('quota_counters', 'max', '?'))
      .bind(key, window, amount, limit ?? NO_LIMIT)
      .first<{ count: number }>();
    return row ? Number(row.count) : null;
  }

  async peek(key: string, window: number): Promise<number> {
    const row = await this.#db
      .prepare('SELECT count FROM quota_counters WHERE key = ?1 AND window_id >= ?2')
      .bind(key, window)
      .first<{ count: number }>();
    return row ? Number(row.count) : 0;
  }
}

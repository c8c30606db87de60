/**
 * The audit log and quota counters in PostgreSQL (tables ziping_audit_log and ziping_quota_counters, migration 4),
 * on the form store's connection pool: every server pointed at the database shares them.
 */
import type pg from 'pg';
import type { AuditEntry, NewAuditEntry } from '../core/audit/entry.js';
import type { AuditLog, AuditPage, AuditQuery } from './audit-log.js';
import { AUDIT_COLUMNS, auditPageOf, auditValues, auditWhere } from './audit-sql.js';
import type { QuotaCounters } from './quota-counters.js';
import { addCounterSql, NO_LIMIT } from './quota-sql.js';

/** What these classes need of a pool (pg.Pool, or a client in a test). */
export type Queryable = Pick<pg.Pool, 'query'>;

export class PostgresAuditLog implements AuditLog {
  readonly #db: Queryable;

  constructor(db: Queryable) {
    this.#db = db;
  }

  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const { rows } = await this.#db.query<{ seq: string }>(
      `INSERT INTO ziping_audit_log (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING seq`,
      auditValues(entry),
    );
    return { ...entry, seq: Number(rows[0]!.seq) };
  }

  async list(query: AuditQuery): Promise<AuditPage> {
    const { sql, values } = auditWhere(query, '$');
    const { rows } = await this.#db.query(`SELECT seq, ${AUDIT_COLUMNS} FROM ziping_audit_log ${sql}`, values);
    return auditPageOf(rows, query.limit);
  }

  /** The pool belongs to the form store, which closes it. */
  async close(): Promise<void> {}
}

export class PostgresQuotaCounters implements QuotaCounters {
  readonly #db: Queryable;

  constructor(db: Queryable) {
    this.#db = db;
  }

  async add(key: string, window: number, amount: number, limit?: number): Promise<number | null> {
    if (limit !== undefined && amount > limit) return null;
    const { rows } = await this.#db.query<{ count: string }>(addCounterSql('ziping_quota_counters', 'GREATEST', '$'), [
      key,
      window,
      amount,
      limit ?? NO_LIMIT,
    ]);
    return rows.length > 0 ? Number(rows[0]!.count) : null;
  }

  async peek(key: string, window: number): Promise<number> {
    const { rows } = await this.#db.query<{ count: string }>(
      'SELECT count FROM ziping_quota_counters WHERE key = $1 AND window_id >= $2',
      [key, window],
    );
    return rows.length > 0 ? Number(rows[0]!.count) : 0;
  }
}

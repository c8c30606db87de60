/** The audit log in D1 (table audit_log, migrations/0004_audit_quotas.sql): one INSERT per entry. */
import type { AuditEntry, NewAuditEntry } from '../core/audit/entry.js';
import type { AuditLog, AuditPage, AuditQuery } from './audit-log.js';
import { AUDIT_COLUMNS, auditPageOf, auditValues, auditWhere } from './audit-sql.js';
import type { D1Database } from './d1-types.js';

export class D1AuditLog implements AuditLog {
  readonly #db: D1Database;

  constructor(db: D1Database) {
    this.#db = db;
  }

  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const row = await this.#db
      .prepare(`INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING seq`)
      .bind(...auditValues(entry))
      .first<{ seq: number }>();
    return { ...entry, seq: Number(row?.seq) };
  }

  async list(query: AuditQuery): Promise<AuditPage> {
    const { sql, values } = auditWhere(query, '?');
    const { results } = await this.#db
      .prepare(`SELECT seq, ${AUDIT_COLUMNS} FROM audit_log ${sql}`)
      .bind(...values)
      .all();
    return auditPageOf(results, query.limit);
  }

  async close(): Promise<void> {}
}

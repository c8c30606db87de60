/**
 * The audit log's SQL, shared by D1 (SQLite) and PostgreSQL: the filters of an AuditQuery as a
 * WHERE clause with numbered parameters, and a row back into an entry.
 */
import { type AuditEntry, AuditEntrySchema, auditScopeUnit, type NewAuditEntry } from '../core/audit/entry.js';
import type { AuditQuery } from './audit-log.js';
import { scopeCondition } from './unit-scope-sql.js';

/** The row columns in insert order, and their values for `entry`. */
export const AUDIT_COLUMNS =
  'at, actor_name, actor_role, actor_unit, action, form_id, form_unit, status, scope_unit' as const;

/** The values of AUDIT_COLUMNS for `entry`. */
export function auditValues(entry: NewAuditEntry): unknown[] {
  return [
    entry.at,
    entry.actorName,
    entry.actorRole,
    entry.actorUnit,
    entry.action,
    entry.formId,
    entry.formUnit,
    entry.status,
    auditScopeUnit(entry),
  ];
}

/**
 * `WHERE … ORDER BY … LIMIT` for the query's filters and cursor, with its parameters; `mark` is the
 * numbered-parameter sign (`$` in PostgreSQL, `?` in D1, which takes only `?NNN`).
 */
export function auditWhere(query: AuditQuery, mark: '$' | '?'): { sql: string; values: unknown[] } {
  const clauses: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown): string => {
    values.push(value);
    return `${mark}${values.length}`;
  };
  if (query.formId !== undefined) clauses.push(`form_id = ${param(query.formId)}`);
  // The unit itself or a path below it, counted in characters as both databases count them
  const scope =
    query.withinUnit === undefined ? undefined : { kind: 'unit' as const, unit: query.withinUnit, subtree: true };
  const inUnit = scopeCondition(scope, 'scope_unit', param);
  if (inUnit) clauses.push(inUnit);
  if (query.since !== undefined) clauses.push(`at >= ${param(query.since)}`);
  if (query.until !== undefined) clauses.push(`at <= ${param(query.until)}`);
  if (query.beforeSeq !== undefined) clauses.push(`seq < ${param(query.beforeSeq)}`);
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
  return { sql: `${where} ORDER BY seq DESC LIMIT ${param(query.limit + 1)}`, values };
}

/** A row of audit_log as an entry. */
export function auditEntryOf(row: Record<string, unknown>): AuditEntry {
  return AuditEntrySchema.parse({
    seq: Number(row.seq),
    at: row.at,
    actorName: row.actor_name,
    actorRole: row.actor_role ?? null,
    actorUnit: row.actor_unit ?? null,
    action: row.action,
    formId: row.form_id ?? null,
    formUnit: row.form_unit ?? null,
    status: Number(row.status),
  });
}

/** The page from rows fetched with one more than the limit. */
export function auditPageOf(rows: Record<string, unknown>[], limit: number) {
  const items = rows.slice(0, limit).map(auditEntryOf);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.seq : null };
}

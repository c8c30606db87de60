/**
 * The audit log port (issue #12): append-only, newest first when read. Stores: memory (tests),
 * an append-only file beside the lowdb forms (audit-log-node.ts), D1 and PostgreSQL. No method
 * changes or removes an entry; the file store drops its oldest rotated file at its cap (limits.ts).
 */
import { isWithinUnit } from '../core/access/unit-path.js';
import { type AuditEntry, auditScopeUnit, type NewAuditEntry } from '../core/audit/entry.js';

export interface AuditQuery {
  /** Only entries of this form. */
  formId?: string;
  /** Only entries belonging to this unit or a unit below it (auditScopeUnit); entries without a unit never match. */
  withinUnit?: string;
  /** ISO times, inclusive. */
  since?: string;
  until?: string;
  /** Entries older than this `seq` (the previous page's `nextCursor`). */
  beforeSeq?: number;
  /** 1–AUDIT_PAGE_LIMITS.max. */
  limit: number;
}

export interface AuditPage {
  items: AuditEntry[];
  /** The `seq` to pass as `beforeSeq` for the next page; null on the last page. */
  nextCursor: number | null;
}

export interface AuditLog {
  /** Adds an entry at the end; returns it with its number. */
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** A page of entries matching `query`, newest first. */
  list(query: AuditQuery): Promise<AuditPage>;
  /** Finishes pending appends and releases files. */
  close(): Promise<void>;
}

/** True when `entry` matches `query`'s filters (the cursor and limit aside): one rule for in-memory stores. */
export function auditEntryMatches(entry: AuditEntry, query: AuditQuery): boolean {
  if (query.formId !== undefined && entry.formId !== query.formId) return false;
  if (query.withinUnit !== undefined) {
    const unit = auditScopeUnit(entry);
    if (unit === null || !isWithinUnit(unit, query.withinUnit)) return false;
  }
  if (query.since !== undefined && entry.at < query.since) return false;
  if (query.until !== undefined && entry.at > query.until) return false;
  return true;
}

/** The page of `newestFirst` entries after the cursor; for stores that filter entries themselves. */
export async function pageOf(
  newestFirst: Iterable<AuditEntry> | AsyncIterable<AuditEntry>,
  query: AuditQuery,
): Promise<AuditPage> {
  const items: AuditEntry[] = [];
  for await (const entry of newestFirst) {
    if (query.beforeSeq !== undefined && entry.seq >= query.beforeSeq) continue;
    if (!auditEntryMatches(entry, query)) continue;
    if (items.length === query.limit) return { items, nextCursor: items[items.length - 1]!.seq };
    items.push(entry);
  }
  return { items, nextCursor: null };
}

/** Entries kept in an array, the newest `maxEntries` (default 100,000): tests and apps built without a log. */
export class MemoryAuditLog implements AuditLog {
  readonly #entries: AuditEntry[] = [];
  readonly #maxEntries: number;
  #seq = 0;

  constructor(maxEntries = 100_000) {
    this.#maxEntries = maxEntries;
  }

  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const stored = Object.freeze({ ...entry, seq: ++this.#seq });
    this.#entries.push(stored);
    if (this.#entries.length > this.#maxEntries) this.#entries.shift();
    return stored;
  }

  async list(query: AuditQuery): Promise<AuditPage> {
    return pageOf(newestFirst(this.#entries), query);
  }

  async close(): Promise<void> {}
}

function* newestFirst<T>(items: readonly T[]): Generator<T> {
  for (let i = items.length - 1; i >= 0; i--) yield items[i]!;
}

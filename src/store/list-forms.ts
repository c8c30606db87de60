/**
 * The form list: summaries, filters and cursor pages, shared by every repository so they all
 * page the same way. Order is updatedAt descending, then id ascending; a cursor names the last
 * row of a page, so rows saved meanwhile never shift the next page.
 */
import { inScope } from '../core/access/rights.js';
import { ZipingError } from '../core/errors.js';
import type { FormRecord, FormSummary } from './records.js';
import type { FormPage, ListQuery } from './repository.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** The list row of a record. */
export function summaryOf(record: FormRecord): FormSummary {
  const { form, report } = record;
  return {
    id: record.id,
    projectName: form.project.name,
    year: form.year,
    department: form.project.department ?? null,
    implementer: form.project.implementer ?? null,
    total: report.total,
    selfTotal: report.selfTotal ?? null,
    grade: report.grade,
    openIssues: report.issues.filter((issue) => issue.severity === 'error' || issue.severity === 'warning').length,
    version: record.version,
    updatedAt: record.updatedAt,
    ...(record.unit ? { unit: record.unit } : {}),
  };
}

export interface CursorPosition {
  updatedAt: string;
  id: string;
}

function toBase64Url(text: string): string {
  return btoa(text)
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/={1,2}$/, '');
}

function fromBase64Url(text: string): string {
  return atob(text.replaceAll('-', '+').replaceAll('_', '/'));
}

/** The opaque cursor after `row`. */
export function encodeCursor(row: CursorPosition): string {
  return toBase64Url(JSON.stringify([row.updatedAt, row.id]));
}

/** The row a cursor names; `invalid_request` when it is not one this store made. */
export function decodeCursor(cursor: string): CursorPosition {
  try {
    const value: unknown = JSON.parse(fromBase64Url(cursor));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { updatedAt: value[0], id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new ZipingError('invalid_request', '分页游标无效：请使用上一页返回的 nextCursor', {
    issues: [{ path: 'cursor', code: 'invalid_cursor', message: '分页游标无效' }],
  });
}

/** Negative when `a` comes first in the list order. */
export function compareRows(a: CursorPosition, b: CursorPosition): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function matches(row: FormSummary, query: ListQuery): boolean {
  if (query.scope && !inScope(query.scope, row.unit ?? null)) return false;
  if (query.year !== undefined && row.year !== query.year) return false;
  if (query.department !== undefined && row.department !== query.department) return false;
  if (query.q) {
    const needle = query.q.toLowerCase();
    const haystacks = [row.projectName, row.department ?? '', row.implementer ?? ''];
    if (!haystacks.some((text) => text.toLowerCase().includes(needle))) return false;
  }
  return true;
}

/** The page size a query asks for, within 1–MAX_PAGE_SIZE. */
export function pageSizeOf(query: ListQuery): number {
  return Math.min(Math.max(Math.trunc(query.limit ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
}

/** The page size of `query` (an alias of pageSizeOf for the SQL stores). */
export const pageLimitOf = pageSizeOf;

/** The position of `query.cursor`, or null on the first page (throws `invalid_request` on a bad one). */
export function cursorOf(query: ListQuery): CursorPosition | null {
  return query.cursor ? decodeCursor(query.cursor) : null;
}

/**
 * One page of `sorted` (rows already in list order) for `query`: starts after the cursor by binary
 * search and stops at the first row past the page, so a page costs its own size, not the store's.
 */
export function pageOfSorted(sorted: readonly FormSummary[], query: ListQuery = {}): FormPage {
  const limit = pageSizeOf(query);
  const after = cursorOf(query);
  let lo = 0;
  let hi = sorted.length;
  while (after && lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareRows(sorted[mid]!, after) <= 0) lo = mid + 1;
    else hi = mid;
  }
  const items: FormSummary[] = [];
  let more = false;
  for (let i = lo; i < sorted.length; i += 1) {
    if (!matches(sorted[i]!, query)) continue;
    if (items.length === limit) {
      more = true;
      break;
    }
    items.push(sorted[i]!);
  }
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor(last) : null };
}

/** One page of `rows` for `query`. */
export function pageOf(rows: Iterable<FormSummary>, query: ListQuery = {}): FormPage {
  const limit = pageSizeOf(query);
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const selected: FormSummary[] = [];
  for (const row of rows) {
    if (after && compareRows(row, after) <= 0) continue;
    if (matches(row, query)) selected.push(row);
  }
  selected.sort(compareRows);
  const items = selected.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: selected.length > limit && last ? encodeCursor(last) : null };
}

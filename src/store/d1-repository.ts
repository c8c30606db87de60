/**
 * The Workers store: forms in Cloudflare D1 (SQLite), tables in migrations/0001_forms.sql.
 *
 * - Saves reuse the pure transitions of form-document.ts on a document holding only the current
 *   record, so versions, changes and narrative entries come out exactly as in the other stores.
 * - The version check and the writes it guards are one `batch` (one transaction): the first
 *   statement is `UPDATE … WHERE id = ? AND version = ? RETURNING version`, and every insert that
 *   follows only happens if that update stamped this save's token. Two Workers in two places
 *   cannot both win: the loser's update matches no row, its inserts add nothing, and it gets 409.
 * - Every value handed out is frozen, like the memory and lowdb stores.
 */
import type { NarrativePath } from '../core/schema/form.js';
import type { ScoreReport } from '../core/schema/report.js';
import type { D1Database, D1PreparedStatement } from './d1-types.js';
import { isFormId, newFormId } from './ids.js';
import { MAX_HISTORY_PER_CELL } from '../core/limits.js';
import {
  cappedNarratives,
  checkNarrativePath,
  deepFreeze,
  newDocument,
  parseChatMessages,
  updatedDocument,
} from './form-document.js';
import { decodeCursor, encodeCursor, pageSizeOf, summaryOf } from './list-forms.js';
import type {
  ChatMessage,
  FormDocument,
  FormRecord,
  FormSummary,
  NarrativeEntry,
  StoredVersion,
  VersionEntry,
} from './records.js';
import type { FormPage, FormRepository, ListQuery, SaveInput } from './repository.js';
import { formNotFound, versionConflict, versionNotFound } from './store-errors.js';
import { scopeCondition } from './unit-scope-sql.js';

interface FormRow {
  id: string;
  version: number;
  form: string;
  report: string;
  created_at: string;
  updated_at: string;
  unit: string | null;
}

interface SummaryRow {
  id: string;
  project_name: string;
  year: number;
  department: string | null;
  implementer: string | null;
  total: number;
  self_total: number | null;
  grade: string;
  open_issues: number;
  version: number;
  updated_at: string;
  unit: string | null;
}

interface VersionRow {
  version: number;
  at: string;
  saved_by: string;
  action: 'create' | 'update';
  changes: string;
  form?: string;
}

const SUMMARY_COLUMNS =
  'id, project_name, year, department, implementer, total, self_total, grade, open_issues, version, updated_at, unit';

function recordOf(row: FormRow): FormRecord {
  return deepFreeze({
    id: row.id,
    version: row.version,
    ...(row.unit ? { unit: row.unit } : {}),
    form: JSON.parse(row.form),
    report: JSON.parse(row.report) as ScoreReport,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

function summaryFromRow(row: SummaryRow): FormSummary {
  return {
    id: row.id,
    projectName: row.project_name,
    year: row.year,
    department: row.department,
    implementer: row.implementer,
    total: row.total,
    selfTotal: row.self_total,
    grade: row.grade,
    openIssues: row.open_issues,
    version: row.version,
    updatedAt: row.updated_at,
    ...(row.unit ? { unit: row.unit } : {}),
  };
}

function entryOf(row: VersionRow): VersionEntry {
  return { version: row.version, at: row.at, by: row.saved_by, action: row.action, changes: JSON.parse(row.changes) };
}

/** A random token naming one save attempt (which of two racing saves stamped the row). */
function saveToken(): string {
  return newFormId();
}

/** The summary columns of a record, in the order the statements below bind them. */
function summaryValues(record: FormRecord): unknown[] {
  const s = summaryOf(record);
  return [s.projectName, s.year, s.department, s.implementer, s.total, s.selfTotal, s.grade, s.openIssues];
}

export class D1FormRepository implements FormRepository {
  readonly #db: D1Database;

  constructor(db: D1Database) {
    this.#db = db;
  }

  async #row(id: string): Promise<FormRow> {
    const row = isFormId(id)
      ? await this.#db
          .prepare('SELECT id, version, form, report, created_at, updated_at, unit FROM forms WHERE id = ?')
          .bind(id)
          .first<FormRow>()
      : null;
    if (!row) throw formNotFound(id);
    return row;
  }

  /** Throws not_found unless the form exists; returns its current version. */
  async #currentVersion(id: string): Promise<number> {
    const row = isFormId(id)
      ? await this.#db.prepare('SELECT version FROM forms WHERE id = ?').bind(id).first<{ version: number }>()
      : null;
    if (!row) throw formNotFound(id);
    return row.version;
  }

  /** Inserts of a document's versions and narrative entries, each only if `token` won the save. */
  #historyInserts(doc: FormDocument, token: string): D1PreparedStatement[] {
    const id = doc.record.id;
    const guard = 'FROM forms WHERE id = ? AND save_token = ?';
    const versions = doc.versions.map((v) =>
      this.#db
        .prepare(
          `INSERT INTO form_versions (form_id, version, at, saved_by, action, changes, form)
           SELECT ?, ?, ?, ?, ?, ?, ? ${guard}`,
        )
        .bind(id, v.version, v.at, v.by, v.action, JSON.stringify(v.changes), JSON.stringify(v.form), id, token),
    );
    // All entries in one statement (json_each), however many cells changed: D1 caps the queries
    // of one Worker invocation (50 on the free plan), so a save's query count must not grow with the form
    const entries = Object.entries(doc.narratives).flatMap(([path, list]) =>
      list.map((entry) => ({ path, version: entry.version, entry: JSON.stringify(entry) })),
    );
    if (entries.length === 0) return versions;
    const insertEntries = this.#db
      .prepare(
        `INSERT INTO narrative_entries (form_id, path, version, entry)
         SELECT ?, json_extract(e.value, '$.path'), json_extract(e.value, '$.version'), json_extract(e.value, '$.entry')
         FROM json_each(?) AS e WHERE EXISTS (SELECT 1 ${guard}) ORDER BY e.key`,
      )
      .bind(id, JSON.stringify(entries), id, token);
    return [...versions, insertEntries];
  }

  /**
   * Drops the oldest entries of the cells `doc` adds to, beyond the newest `MAX_HISTORY_PER_CELL`
   * (limits.ts), only if `token` won the save: one statement however many cells changed. A window
   * numbers each changed cell's rows once (a correlated cut-off per row read 50× the rows).
   */
  #trimHistory(doc: FormDocument, token: string): D1PreparedStatement[] {
    const paths = Object.keys(doc.narratives);
    if (paths.length === 0) return [];
    const trim = this.#db
      .prepare(
        `DELETE FROM narrative_entries WHERE seq IN (
           SELECT seq FROM (
             SELECT seq, row_number() OVER (PARTITION BY path ORDER BY seq DESC) AS n FROM narrative_entries
             WHERE form_id = ?1 AND path IN (SELECT p.value FROM json_each(?2) AS p))
           WHERE n > ?4)
         AND EXISTS (SELECT 1 FROM forms WHERE id = ?1 AND save_token = ?3)`,
      )
      .bind(doc.record.id, JSON.stringify(paths), token, MAX_HISTORY_PER_CELL);
    return [trim];
  }

  /** Stores a new form as version 1. */
  async create(input: SaveInput): Promise<FormRecord> {
    const doc = newDocument(newFormId(), input);
    const { record } = doc;
    const token = saveToken();
    const insert = this.#db
      .prepare(
        `INSERT INTO forms (id, version, form, report, created_at, updated_at, save_token,
           project_name, year, department, implementer, total, self_total, grade, open_issues, unit)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        record.id,
        1,
        JSON.stringify(record.form),
        JSON.stringify(record.report),
        record.createdAt,
        record.updatedAt,
        token,
        ...summaryValues(record),
        record.unit ?? null,
      );
    await this.#db.batch([insert, ...this.#historyInserts(doc, token)]);
    return record;
  }

  /** The current record. */
  async get(id: string): Promise<FormRecord> {
    return recordOf(await this.#row(id));
  }

  /** A page of summaries, newest update first; the database stops after the page. */
  async list(query: ListQuery = {}): Promise<FormPage> {
    const limit = pageSizeOf(query);
    const where: string[] = [];
    const values: unknown[] = [];
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      where.push('(updated_at < ? OR (updated_at = ? AND id > ?))');
      values.push(after.updatedAt, after.updatedAt, after.id);
    }
    if (query.year !== undefined) {
      where.push('year = ?');
      values.push(query.year);
    }
    if (query.department !== undefined) {
      where.push('department = ?');
      values.push(query.department);
    }
    if (query.q) {
      // instr, not LIKE: the text is matched as typed, `%` and `_` included
      const hit = (column: string) => `instr(lower(coalesce(${column}, '')), lower(?)) > 0`;
      where.push(`(${hit('project_name')} OR ${hit('department')} OR ${hit('implementer')})`);
      values.push(query.q, query.q, query.q);
    }
    const scope = scopeCondition(query.scope, 'unit', (value) => {
      values.push(value);
      return '?';
    });
    if (scope) where.push(scope);
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM forms ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY updated_at DESC, id ASC LIMIT ?`;
    const { results } = await this.#db
      .prepare(sql)
      .bind(...values, limit + 1)
      .all<SummaryRow>();
    const items = results.slice(0, limit).map(summaryFromRow);
    const last = items[items.length - 1];
    return { items, nextCursor: results.length > limit && last ? encodeCursor(last) : null };
  }

  /** Saves a new version if `expectedVersion` is current, checked and written in one batch. */
  async update(id: string, expectedVersion: number, input: SaveInput): Promise<FormRecord> {
    const current = recordOf(await this.#row(id));
    // Only the current record is needed: the result holds just the new version and entries
    const next = updatedDocument(
      { format: 1, record: current, versions: [], narratives: {}, chat: {} },
      expectedVersion,
      input,
    );
    const { record } = next;
    const token = saveToken();
    const guarded = this.#db
      .prepare(
        `UPDATE forms SET version = ?, form = ?, report = ?, updated_at = ?, save_token = ?,
           project_name = ?, year = ?, department = ?, implementer = ?,
           total = ?, self_total = ?, grade = ?, open_issues = ?
         WHERE id = ? AND version = ? RETURNING version`,
      )
      .bind(
        record.version,
        JSON.stringify(record.form),
        JSON.stringify(record.report),
        record.updatedAt,
        token,
        ...summaryValues(record),
        id,
        expectedVersion,
      );
    const [won] = await this.#db.batch<{ version: number }>([
      guarded,
      ...this.#historyInserts(next, token),
      ...this.#trimHistory(next, token),
    ]);
    if (!won || won.results.length === 0) throw versionConflict(id, expectedVersion, await this.#currentVersion(id));
    return record;
  }

  /** Deletes the form and its history if `expectedVersion` is current, in one batch. */
  async delete(id: string, expectedVersion: number): Promise<void> {
    const current = await this.#currentVersion(id);
    if (current !== expectedVersion) throw versionConflict(id, expectedVersion, current);
    const gone = 'form_id = ? AND NOT EXISTS (SELECT 1 FROM forms WHERE id = ?)';
    const [deleted] = await this.#db.batch<{ id: string }>([
      this.#db.prepare('DELETE FROM forms WHERE id = ? AND version = ? RETURNING id').bind(id, expectedVersion),
      this.#db.prepare(`DELETE FROM form_versions WHERE ${gone}`).bind(id, id),
      this.#db.prepare(`DELETE FROM narrative_entries WHERE ${gone}`).bind(id, id),
      this.#db.prepare(`DELETE FROM chat_messages WHERE ${gone}`).bind(id, id),
    ]);
    if (!deleted || deleted.results.length === 0)
      throw versionConflict(id, expectedVersion, await this.#currentVersion(id));
  }

  /** Every saved version, oldest first. */
  async history(id: string): Promise<VersionEntry[]> {
    const { results } = isFormId(id)
      ? await this.#db
          .prepare(
            'SELECT version, at, saved_by, action, changes FROM form_versions WHERE form_id = ? ORDER BY version',
          )
          .bind(id)
          .all<VersionRow>()
      : { results: [] };
    if (results.length === 0) throw formNotFound(id);
    return deepFreeze(results.map(entryOf));
  }

  /** One saved version with its form. */
  async getVersion(id: string, version: number): Promise<StoredVersion> {
    const row =
      isFormId(id) && Number.isInteger(version)
        ? await this.#db
            .prepare(
              `SELECT version, at, saved_by, action, changes, form FROM form_versions
               WHERE form_id = ? AND version = ?`,
            )
            .bind(id, version)
            .first<VersionRow>()
        : null;
    if (!row) throw versionNotFound(id, version, await this.#currentVersion(id));
    return deepFreeze({ ...entryOf(row), form: JSON.parse(row.form!) });
  }

  /** Rows of `query` for a form that must exist: the existence check and the query in one round trip. */
  async #rowsOfForm<T>(id: string, query: D1PreparedStatement): Promise<T[]> {
    if (!isFormId(id)) throw formNotFound(id);
    const [exists, rows] = await this.#db.batch([
      this.#db.prepare('SELECT 1 AS found FROM forms WHERE id = ?').bind(id),
      query,
    ]);
    if (!exists || exists.results.length === 0) throw formNotFound(id);
    return (rows?.results ?? []) as T[];
  }

  /** Every narrative cell's history, cells in the order they first got a text. */
  async narratives(id: string): Promise<Partial<Record<NarrativePath, NarrativeEntry[]>>> {
    const rows = await this.#rowsOfForm<{ path: string; entry: string }>(
      id,
      this.#db.prepare('SELECT path, entry FROM narrative_entries WHERE form_id = ? ORDER BY seq').bind(id),
    );
    const byPath: Record<string, NarrativeEntry[]> = {};
    for (const row of rows) {
      byPath[row.path] ??= [];
      byPath[row.path]!.push(JSON.parse(row.entry) as NarrativeEntry);
    }
    // Rows saved before the history limit may hold more entries per cell than are kept now
    return deepFreeze(cappedNarratives(byPath)) as Partial<Record<NarrativePath, NarrativeEntry[]>>;
  }

  async #chat(id: string, path: NarrativePath): Promise<ChatMessage[]> {
    const rows = await this.#rowsOfForm<{ message: string }>(
      id,
      this.#db.prepare('SELECT message FROM chat_messages WHERE form_id = ? AND path = ? ORDER BY seq').bind(id, path),
    );
    return deepFreeze(rows.map((row) => JSON.parse(row.message) as ChatMessage));
  }

  /** A cell's revision chat. */
  async getChat(id: string, path: NarrativePath): Promise<ChatMessage[]> {
    checkNarrativePath(path);
    return this.#chat(id, path);
  }

  /** Appends turns to a cell's chat in one batch (nothing is added to a form deleted meanwhile). */
  async appendChat(id: string, path: NarrativePath, messages: ChatMessage[]): Promise<ChatMessage[]> {
    checkNarrativePath(path);
    const turns = parseChatMessages(messages);
    await this.#currentVersion(id);
    if (turns.length > 0) {
      await this.#db
        .prepare(
          `INSERT INTO chat_messages (form_id, path, message)
           SELECT ?, ?, json_extract(t.value, '$') FROM json_each(?) AS t
           WHERE EXISTS (SELECT 1 FROM forms WHERE id = ?) ORDER BY t.key`,
        )
        .bind(id, path, JSON.stringify(turns.map((turn) => JSON.stringify(turn))), id)
        .run();
    }
    return this.#chat(id, path);
  }

  /** Forgets a cell's chat. */
  async clearChat(id: string, path: NarrativePath): Promise<void> {
    checkNarrativePath(path);
    await this.#currentVersion(id);
    await this.#db.prepare('DELETE FROM chat_messages WHERE form_id = ? AND path = ?').bind(id, path).run();
  }

  /** Nothing to release: the binding belongs to the Worker. */
  async close(): Promise<void> {}
}

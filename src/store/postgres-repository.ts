/**
 * The PostgreSQL store (Node only; only src/entry/node.ts imports it): several servers can share one
 * database. Every write is one SQL statement, so it is atomic on its own: a save is a conditional
 * `UPDATE … WHERE id = $1 AND version = $2` chained to the insert of its history line, and a save
 * that finds another server's version in place changes nothing and becomes a 409. History lines
 * hold patches (version-log.ts), not a copy of the form per version. Tables are created or migrated
 * at start (postgres-migrations.ts). Works with PostgreSQL-protocol databases (Kingbase, openGauss:
 * see README).
 */
import pg from 'pg';
import { ZipingError } from '../core/errors.js';
import type { NarrativePath } from '../core/schema/form.js';
import { cappedNarratives, checkNarrativePath, deepFreeze, parseChatMessages } from './form-document.js';
import { isFormId, newFormId } from './ids.js';
import { cursorOf, pageLimitOf, summaryOf, encodeCursor } from './list-forms.js';
import { PostgresAccountRepository } from './postgres-accounts.js';
import { migrate } from './postgres-migrations.js';
import { scopeCondition } from './unit-scope-sql.js';
import type { ChatMessage, FormRecord, FormSummary, NarrativeEntry, StoredVersion, VersionEntry } from './records.js';
import type { FormPage, FormRepository, ListQuery, SaveInput, StoreHealth } from './repository.js';
import { formNotFound, versionConflict } from './store-errors.js';
import {
  entriesOf,
  firstSave,
  nextSave,
  versionFromLog,
  type Narratives,
  type SaveStep,
  type VersionLine,
} from './version-log.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` */
  connectionString: string;
  /** Schema holding the tables (created if missing; default the role's search_path, usually `public`). */
  schema?: string;
  /** Connections per server (default 10). */
  poolSize?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The URL without its password, for logs and errors. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.username ? `${decodeURIComponent(parsed.username)}@` : ''}${parsed.host}${parsed.pathname}`;
  } catch {
    return '（无法解析的数据库地址）';
  }
}

/** The values of the form columns for `record`, in the order the statements below use ($3…$11). */
function formColumns(record: FormRecord, narratives: Narratives): unknown[] {
  const summary: FormSummary = summaryOf(record);
  return [
    JSON.stringify(record),
    JSON.stringify(narratives),
    JSON.stringify(summary),
    record.updatedAt,
    summary.year,
    summary.department,
    summary.projectName.toLowerCase(),
    (summary.department ?? '').toLowerCase(),
    (summary.implementer ?? '').toLowerCase(),
  ];
}

export class PostgresFormRepository implements FormRepository {
  readonly #pool: pg.Pool;
  /** The database, without the password. */
  readonly description: string;

  private constructor(pool: pg.Pool, description: string) {
    this.#pool = pool;
    this.description = description;
  }

  /** The connection pool, shared with the audit log, quota counters and reviews (issue #12). */
  get pool(): pg.Pool {
    return this.#pool;
  }

  /** Connects, creates the schema if asked, applies missing migrations; throws a clear error if it cannot. */
  static async open(options: PostgresStoreOptions): Promise<PostgresFormRepository> {
    const schema = options.schema;
    if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
      throw new ZipingError('invalid_request', `数据库 schema 名无效：${schema}（应为小写字母、数字和下划线）`);
    }
    const description = describeDatabaseUrl(options.connectionString);
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle connection the server drops must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    try {
      const client = await pool.connect();
      try {
        await migrate(client, schema);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new ZipingError(
        'internal_error',
        `无法打开 PostgreSQL 数据库 ${description}：${(error as Error).message}`,
        { cause: error },
      );
    }
    return new PostgresFormRepository(pool, description);
  }

  async #query<R extends pg.QueryResultRow>(sql: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    return this.#pool.query<R>(sql, values);
  }

  /** The current version of `id`, or `not_found`. */
  async #versionOf(id: string): Promise<number> {
    const { rows } = await this.#query<{ version: number }>('SELECT version FROM ziping_forms WHERE id = $1', [id]);
    if (rows.length === 0) throw formNotFound(id);
    return rows[0]!.version;
  }

  /** A conflict naming the version in place (or `not_found` if the form is gone meanwhile). */
  async #conflict(id: string, expected: number): Promise<ZipingError> {
    return versionConflict(id, expected, await this.#versionOf(id));
  }

  /** Stores a new form as version 1 (the form and its first history line in one statement). */
  async create(input: SaveInput): Promise<FormRecord> {
    const id = newFormId();
    const step = firstSave(id, input);
    await this.#query(
      `WITH f AS (
         INSERT INTO ziping_forms (id, version, record, narratives, summary, updated_at, year, department,
           search_name, search_department, search_implementer, unit)
         VALUES ($1, $2, $3::json, $4::json, $5::json, $6, $7, $8, $9, $10, $11, $13) RETURNING id)
       INSERT INTO ziping_versions (form_id, version, line) SELECT id, $2, $12::json FROM f`,
      [id, 1, ...formColumns(step.record, step.narratives), JSON.stringify(step.line), step.record.unit ?? null],
    );
    return step.record;
  }

  /** The current record. */
  async get(id: string): Promise<FormRecord> {
    if (!isFormId(id)) throw formNotFound(id);
    const { rows } = await this.#query<{ record: FormRecord }>('SELECT record FROM ziping_forms WHERE id = $1', [id]);
    if (rows.length === 0) throw formNotFound(id);
    return deepFreeze(rows[0]!.record);
  }

  /** A page of summaries, newest update first: the index order, stopping after the page. */
  async list(query: ListQuery = {}): Promise<FormPage> {
    const limit = pageLimitOf(query);
    const after = cursorOf(query);
    const where: string[] = [];
    const values: unknown[] = [];
    const param = (value: unknown): string => `$${values.push(value)}`;
    if (query.year !== undefined) where.push(`year = ${param(query.year)}`);
    if (query.department !== undefined) where.push(`department = ${param(query.department)}`);
    if (query.q) {
      const q = param(query.q.toLowerCase());
      where.push(
        `(strpos(search_name, ${q}) > 0 OR strpos(search_department, ${q}) > 0 OR strpos(search_implementer, ${q}) > 0)`,
      );
    }
    if (after) {
      const at = param(after.updatedAt);
      where.push(`(updated_at < ${at} OR (updated_at = ${at} AND id > ${param(after.id)}))`);
    }
    const scope = scopeCondition(query.scope, 'unit', param);
    if (scope) where.push(scope);
    const { rows } = await this.#query<{ summary: FormSummary }>(
      `SELECT summary FROM ziping_forms ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY updated_at DESC, id ASC LIMIT ${param(limit + 1)}`,
      values,
    );
    const items = rows.slice(0, limit).map((r) => deepFreeze(r.summary));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  /** Saves a new version if `expectedVersion` is current, checked and written in one statement. */
  async update(id: string, expectedVersion: number, input: SaveInput): Promise<FormRecord> {
    if (!isFormId(id)) throw formNotFound(id);
    const { rows } = await this.#query<{ record: FormRecord; narratives: Narratives }>(
      'SELECT record, narratives FROM ziping_forms WHERE id = $1',
      [id],
    );
    if (rows.length === 0) throw formNotFound(id);
    const step: SaveStep = nextSave(rows[0]!.record, rows[0]!.narratives, expectedVersion, input);
    const written = await this.#query(
      `WITH f AS (
         UPDATE ziping_forms SET version = $2 + 1, record = $3::json, narratives = $4::json, summary = $5::json,
           updated_at = $6, year = $7, department = $8, search_name = $9, search_department = $10,
           search_implementer = $11
         WHERE id = $1 AND version = $2 RETURNING id)
       INSERT INTO ziping_versions (form_id, version, line) SELECT id, $2 + 1, $12::json FROM f`,
      [id, expectedVersion, ...formColumns(step.record, step.narratives), JSON.stringify(step.line)],
    );
    if (written.rowCount !== 1) throw await this.#conflict(id, expectedVersion);
    return step.record;
  }

  /** Deletes the form, its history and chats if `expectedVersion` is current (one statement). */
  async delete(id: string, expectedVersion: number): Promise<void> {
    if (!isFormId(id)) throw formNotFound(id);
    const deleted = await this.#query('DELETE FROM ziping_forms WHERE id = $1 AND version = $2', [id, expectedVersion]);
    if (deleted.rowCount !== 1) throw await this.#conflict(id, expectedVersion);
  }

  /** Every saved version, oldest first. */
  async history(id: string): Promise<VersionEntry[]> {
    if (!isFormId(id)) throw formNotFound(id);
    const { rows } = await this.#query<{ line: VersionLine }>(
      'SELECT line FROM ziping_versions WHERE form_id = $1 ORDER BY version',
      [id],
    );
    if (rows.length === 0) throw formNotFound(id);
    return deepFreeze(entriesOf(rows.map((r) => r.line)));
  }

  /** One saved version with its form: the current form and the patches back to it, read in one statement. */
  async getVersion(id: string, version: number): Promise<StoredVersion> {
    if (!isFormId(id)) throw formNotFound(id);
    const { rows } = await this.#query<{ record: FormRecord; lines: VersionLine[] | null }>(
      `SELECT f.record, (SELECT json_agg(v.line ORDER BY v.version) FROM ziping_versions v
         WHERE v.form_id = f.id AND v.version >= $2) AS lines
       FROM ziping_forms f WHERE f.id = $1`,
      [id, Number.isSafeInteger(version) ? version : 0],
    );
    if (rows.length === 0) throw formNotFound(id);
    const { record, lines } = rows[0]!;
    const later = lines ?? [];
    return deepFreeze(
      versionFromLog(
        record,
        later.find((l) => l.version === version),
        later,
        version,
      ),
    );
  }

  /** Every narrative cell's history. */
  async narratives(id: string): Promise<Partial<Record<NarrativePath, NarrativeEntry[]>>> {
    if (!isFormId(id)) throw formNotFound(id);
    const { rows } = await this.#query<{ narratives: Narratives }>(
      'SELECT narratives FROM ziping_forms WHERE id = $1',
      [id],
    );
    if (rows.length === 0) throw formNotFound(id);
    // Rows saved before the history limit may hold more entries per cell than are kept now
    return deepFreeze(cappedNarratives(rows[0]!.narratives));
  }

  /** A cell's revision chat. */
  async getChat(id: string, path: NarrativePath): Promise<ChatMessage[]> {
    checkNarrativePath(path);
    if (!isFormId(id)) throw formNotFound(id);
    const { rows } = await this.#query<{ chat: ChatMessage[] | null }>(
      `SELECT (SELECT json_agg(c.message ORDER BY c.seq) FROM ziping_chat c WHERE c.form_id = f.id AND c.path = $2) AS chat
       FROM ziping_forms f WHERE f.id = $1`,
      [id, path],
    );
    if (rows.length === 0) throw formNotFound(id);
    return deepFreeze(rows[0]!.chat ?? []);
  }

  /** Appends turns to a cell's chat (one statement, in order) and returns the whole chat. */
  async appendChat(id: string, path: NarrativePath, messages: ChatMessage[]): Promise<ChatMessage[]> {
    checkNarrativePath(path);
    const turns = parseChatMessages(messages);
    if (!isFormId(id)) throw formNotFound(id);
    if (turns.length > 0) {
      const inserted = await this.#query(
        `INSERT INTO ziping_chat (form_id, path, message)
         SELECT f.id, $2, m.value FROM ziping_forms f, json_array_elements($3::json) WITH ORDINALITY AS m(value, n)
         WHERE f.id = $1 ORDER BY m.n`,
        [id, path, JSON.stringify(turns)],
      );
      if (inserted.rowCount === 0) throw formNotFound(id);
    }
    return this.getChat(id, path);
  }

  /** Forgets a cell's chat. */
  async clearChat(id: string, path: NarrativePath): Promise<void> {
    checkNarrativePath(path);
    if (!isFormId(id)) throw formNotFound(id);
    await this.#versionOf(id);
    await this.#query('DELETE FROM ziping_chat WHERE form_id = $1 AND path = $2', [id, path]);
  }

  /** The users, tokens and sessions in the same database, on the same connections (issue #12). */
  accounts(): PostgresAccountRepository {
    return new PostgresAccountRepository(this.#pool);
  }

  /** Whether the database answers (never its URL or password). */
  async health(): Promise<StoreHealth> {
    try {
      await this.#query('SELECT 1', []);
      return { kind: 'postgres', ok: true, quarantined: [] };
    } catch {
      return { kind: 'postgres', ok: false, quarantined: [], problem: '数据库没有响应' };
    }
  }

  /** Closes the connections. */
  async close(): Promise<void> {
    await this.#pool.end().catch(() => undefined);
  }
}

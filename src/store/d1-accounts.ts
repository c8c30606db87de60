/**
 * The accounts of the D1 store (Workers), in the tables of migrations/0002_accounts.sql (and 0006:
 * disabled users), so the users, tokens and sessions live in the same database as the forms. Each
 * change is one statement or one batch (a D1 transaction).
 */
import {
  accountDisabled,
  lastAdmin,
  userExists,
  userNotFound,
  type AccountRepository,
  type NewSession,
  type NewUser,
  type StoredUser,
} from './accounts.js';
import { USER_COLUMNS, type UserRow, userOfRow } from './account-rows.js';
import type { D1Database } from './d1-types.js';
import { newFormId } from './ids.js';

function userOf(row: UserRow | null): StoredUser | null {
  return row ? userOfRow(row) : null;
}

/** The condition that the user whose id is the parameter `param` is active (or, `active` false, disabled). */
const userIs = (param: string, active: boolean): string =>
  `EXISTS (SELECT 1 FROM users WHERE id = ${param} AND disabled_at IS ${active ? '' : 'NOT '}NULL)`;

/**
 * Disables user ?2 at ?1, keeping an earlier time, unless they are the last active administrator;
 * the batch's other statements act only once the user is disabled, so a refusal changes nothing.
 */
const DISABLE_USER = `UPDATE users SET disabled_at = coalesce(disabled_at, ?1) WHERE id = ?2
  AND (role <> 'admin' OR disabled_at IS NOT NULL
       OR EXISTS (SELECT 1 FROM users o WHERE o.role = 'admin' AND o.disabled_at IS NULL AND o.id <> ?2))`;

export class D1AccountRepository implements AccountRepository {
  readonly #db: D1Database;

  constructor(db: D1Database) {
    this.#db = db;
  }

  async #user(sql: string, ...values: unknown[]): Promise<StoredUser | null> {
    return userOf(
      await this.#db
        .prepare(sql)
        .bind(...values)
        .first<UserRow>(),
    );
  }

  async createUser(input: NewUser): Promise<StoredUser> {
    const created = await this.#user(
      `INSERT INTO users (id, name, unit, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (name) DO NOTHING RETURNING ${USER_COLUMNS.replaceAll('u.', '')}`,
      newFormId(),
      input.name,
      input.unit,
      input.role,
      input.passwordHash,
      input.at.toISOString(),
    );
    if (!created) throw userExists(input.name);
    return created;
  }

  async userByName(name: string): Promise<StoredUser | null> {
    return this.#user(`SELECT ${USER_COLUMNS} FROM users u WHERE u.name = ?`, name);
  }

  async listUsers(): Promise<StoredUser[]> {
    const { results } = await this.#db.prepare(`SELECT ${USER_COLUMNS} FROM users u ORDER BY u.name`).all<UserRow>();
    return results.map((row) => userOf(row)!);
  }

  async countAdmins(): Promise<number> {
    const row = await this.#db
      .prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL")
      .first<{ n: number }>();
    return row?.n ?? 0;
  }

  /** The name of the user `userId`, or null when there is none. */
  async #nameOf(userId: string): Promise<string | null> {
    const row = await this.#db.prepare('SELECT name FROM users WHERE id = ?').bind(userId).first<{ name: string }>();
    return row?.name ?? null;
  }

  /** `not_found` for an unknown user id, else `account_disabled` (after a write that needs an active user). */
  async #inactive(userId: string): Promise<Error> {
    const name = await this.#nameOf(userId);
    return name === null ? userNotFound(userId) : accountDisabled(name);
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    const done = await this.#db
      .prepare('UPDATE users SET password_hash = ? WHERE id = ?')
      .bind(passwordHash, userId)
      .run();
    if (done.meta.changes !== 1) throw userNotFound(userId);
  }

  async addToken(userId: string, tokenHash: string, at: Date): Promise<void> {
    const done = await this.#db
      .prepare(`INSERT INTO api_tokens (hash, user_id, created_at) SELECT ?1, ?2, ?3 WHERE ${userIs('?2', true)}`)
      .bind(tokenHash, userId, at.toISOString())
      .run();
    if (done.meta.changes !== 1) throw await this.#inactive(userId);
  }

  async userByToken(tokenHash: string): Promise<StoredUser | null> {
    return this.#user(
      `SELECT ${USER_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id
       WHERE t.hash = ? AND t.revoked_at IS NULL AND u.disabled_at IS NULL`,
      tokenHash,
    );
  }

  /** Disables the user, revokes the tokens and ends the sessions in one batch (one transaction). */
  async revokeUser(userId: string, at: Date): Promise<number> {
    const disabled = userIs('?2', false);
    const [done, tokens] = await this.#db.batch([
      this.#db.prepare(DISABLE_USER).bind(at.toISOString(), userId),
      this.#db
        .prepare(`UPDATE api_tokens SET revoked_at = ?1 WHERE user_id = ?2 AND revoked_at IS NULL AND ${disabled}`)
        .bind(at.toISOString(), userId),
      this.#db.prepare(`DELETE FROM sessions WHERE user_id = ?1 AND ${userIs('?1', false)}`).bind(userId),
    ]);
    if (done?.meta.changes !== 1) throw (await this.#nameOf(userId)) === null ? userNotFound(userId) : lastAdmin();
    return tokens?.meta.changes ?? 0;
  }

  async restoreUser(userId: string): Promise<void> {
    const done = await this.#db.prepare('UPDATE users SET disabled_at = NULL WHERE id = ?').bind(userId).run();
    if (done.meta.changes !== 1) throw userNotFound(userId);
  }

  /** Records a session of an active user and drops the expired ones. */
  async addSession(session: NewSession): Promise<void> {
    const now = session.at.toISOString();
    const [, added] = await this.#db.batch([
      this.#db.prepare('DELETE FROM sessions WHERE expires_at <= ?').bind(now),
      this.#db
        .prepare(
          `INSERT INTO sessions (hash, user_id, created_at, expires_at)
           SELECT ?1, ?2, ?3, ?4 WHERE ${userIs('?2', true)}`,
        )
        .bind(session.hash, session.userId, now, session.expiresAt.toISOString()),
    ]);
    if (added?.meta.changes !== 1) throw await this.#inactive(session.userId);
  }

  async userBySession(sessionHash: string, now: Date): Promise<StoredUser | null> {
    return this.#user(
      `SELECT ${USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL`,
      sessionHash,
      now.toISOString(),
    );
  }

  async deleteSession(sessionHash: string): Promise<void> {
    await this.#db.prepare('DELETE FROM sessions WHERE hash = ?').bind(sessionHash).run();
  }

  /** The binding needs no closing. */
  async close(): Promise<void> {}
}

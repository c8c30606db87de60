/**
 * The accounts of the D1 store (Workers), in the tables of migrations/0002_accounts.sql, so the
 * users, tokens and sessions live in the same database as the forms. Each change is one statement
 * or one batch (a D1 transaction).
 */
import {
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
    const row = await this.#db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin'").first<{ n: number }>();
    return row?.n ?? 0;
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    const done = await this.#db
      .prepare('UPDATE users SET password_hash = ? WHERE id = ?')
      .bind(passwordHash, userId)
      .run();
    if (done.meta.changes !== 1) throw userNotFound(userId);
  }

  async addToken(userId: string, tokenHash: string, at: Date): Promise<void> {
    await this.#db
      .prepare('INSERT INTO api_tokens (hash, user_id, created_at) VALUES (?, ?, ?)')
      .bind(tokenHash, userId, at.toISOString())
      .run();
  }

  async userByToken(tokenHash: string): Promise<StoredUser | null> {
    return this.#user(
      `SELECT ${USER_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = ? AND t.revoked_at IS NULL`,
      tokenHash,
    );
  }

  /** Revokes the tokens and ends the sessions in one transaction. */
  async revokeUser(userId: string, at: Date): Promise<number> {
    const [tokens] = await this.#db.batch([
      this.#db
        .prepare('UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL')
        .bind(at.toISOString(), userId),
      this.#db.prepare('DELETE FROM sessions WHERE user_id = ?').bind(userId),
    ]);
    return tokens?.meta.changes ?? 0;
  }

  /** Records a session and drops the expired ones. */
  async addSession(session: NewSession): Promise<void> {
    const now = session.at.toISOString();
    await this.#db.batch([
      this.#db.prepare('DELETE FROM sessions WHERE expires_at <= ?').bind(now),
      this.#db
        .prepare('INSERT INTO sessions (hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
        .bind(session.hash, session.userId, now, session.expiresAt.toISOString()),
    ]);
  }

  async userBySession(sessionHash: string, now: Date): Promise<StoredUser | null> {
    return this.#user(
      `SELECT ${USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.hash = ? AND s.expires_at > ?`,
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

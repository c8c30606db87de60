/**
 * The accounts of the PostgreSQL store (Node only), in the tables of migration 2, on the form
 * store's connection pool (`PostgresFormRepository.accounts()`), so every server sees the same
 * users, tokens and sessions. Each method is one statement.
 */
import type pg from 'pg';
import {
  userExists,
  userNotFound,
  type AccountRepository,
  type NewSession,
  type NewUser,
  type StoredUser,
} from './accounts.js';
import { USER_COLUMNS, type UserRow, userOfRow } from './account-rows.js';
import { newFormId } from './ids.js';

export class PostgresAccountRepository implements AccountRepository {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async #users(sql: string, values: unknown[]): Promise<StoredUser[]> {
    return (await this.#pool.query<UserRow>(sql, values)).rows.map(userOfRow);
  }

  async createUser(input: NewUser): Promise<StoredUser> {
    const rows = await this.#users(
      `INSERT INTO ziping_users AS u (id, name, unit, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (name) DO NOTHING RETURNING ${USER_COLUMNS}`,
      [newFormId(), input.name, input.unit, input.role, input.passwordHash, input.at.toISOString()],
    );
    if (rows.length === 0) throw userExists(input.name);
    return rows[0]!;
  }

  async userByName(name: string): Promise<StoredUser | null> {
    return (await this.#users(`SELECT ${USER_COLUMNS} FROM ziping_users u WHERE u.name = $1`, [name]))[0] ?? null;
  }

  async listUsers(): Promise<StoredUser[]> {
    return this.#users(`SELECT ${USER_COLUMNS} FROM ziping_users u ORDER BY u.name`, []);
  }

  async countAdmins(): Promise<number> {
    const { rows } = await this.#pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM ziping_users WHERE role = 'admin'",
    );
    return Number(rows[0]!.n);
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    const done = await this.#pool.query('UPDATE ziping_users SET password_hash = $2 WHERE id = $1', [
      userId,
      passwordHash,
    ]);
    if (done.rowCount !== 1) throw userNotFound(userId);
  }

  async addToken(userId: string, tokenHash: string, at: Date): Promise<void> {
    await this.#pool.query('INSERT INTO ziping_api_tokens (hash, user_id, created_at) VALUES ($1, $2, $3)', [
      tokenHash,
      userId,
      at.toISOString(),
    ]);
  }

  async userByToken(tokenHash: string): Promise<StoredUser | null> {
    const rows = await this.#users(
      `SELECT ${USER_COLUMNS} FROM ziping_api_tokens t JOIN ziping_users u ON u.id = t.user_id
       WHERE t.hash = $1 AND t.revoked_at IS NULL`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /** Revokes the tokens and ends the sessions in one statement. */
  async revokeUser(userId: string, at: Date): Promise<number> {
    const { rows } = await this.#pool.query<{ n: string }>(
      `WITH s AS (DELETE FROM ziping_sessions WHERE user_id = $1),
            t AS (UPDATE ziping_api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL RETURNING 1)
       SELECT count(*) AS n FROM t`,
      [userId, at.toISOString()],
    );
    return Number(rows[0]!.n);
  }

  /** Records a session and drops the expired ones. */
  async addSession(session: NewSession): Promise<void> {
    await this.#pool.query(
      `WITH old AS (DELETE FROM ziping_sessions WHERE expires_at <= $3)
       INSERT INTO ziping_sessions (hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
      [session.hash, session.userId, session.at.toISOString(), session.expiresAt.toISOString()],
    );
  }

  async userBySession(sessionHash: string, now: Date): Promise<StoredUser | null> {
    const rows = await this.#users(
      `SELECT ${USER_COLUMNS} FROM ziping_sessions s JOIN ziping_users u ON u.id = s.user_id
       WHERE s.hash = $1 AND s.expires_at > $2`,
      [sessionHash, now.toISOString()],
    );
    return rows[0] ?? null;
  }

  async deleteSession(sessionHash: string): Promise<void> {
    await this.#pool.query('DELETE FROM ziping_sessions WHERE hash = $1', [sessionHash]);
  }

  /** The pool belongs to the form store, which closes it. */
  async close(): Promise<void> {}
}

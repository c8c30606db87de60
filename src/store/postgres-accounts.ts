/**
 * The accounts of the PostgreSQL store (Node only), in the tables of migrations 2 and 5, on the form
 * store's connection pool (`PostgresFormRepository.accounts()`), so every server sees the same
 * users, tokens and sessions. Each method is one statement, but revoking, which is one transaction.
 */
import type pg from 'pg';
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
import { newFormId } from './ids.js';

/**
 * The row of user `param` (a placeholder such as `$2`) when active, share-locked: a new token or
 * session waits for a revoke in progress and then sees the user disabled. A plain EXISTS would
 * read the row as it was before the revoke and insert a secret the revoke never saw, which a
 * restore would bring back.
 */
const activeUserRow = (param: string): string =>
  `FROM ziping_users WHERE id = ${param} AND disabled_at IS NULL FOR SHARE`;

/** Revokes the tokens and ends the sessions of user $1 at $2; the count of revoked tokens. */
const REVOKE_SECRETS = `WITH s AS (DELETE FROM ziping_sessions WHERE user_id = $1),
  t AS (UPDATE ziping_api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL RETURNING 1)
  SELECT count(*) AS n FROM t`;

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
      "SELECT count(*) AS n FROM ziping_users WHERE role = 'admin' AND disabled_at IS NULL",
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

  /** `not_found` for an unknown user id, else `account_disabled` (after a write that needs an active user). */
  async #inactive(userId: string): Promise<Error> {
    const { rows } = await this.#pool.query<{ name: string }>('SELECT name FROM ziping_users WHERE id = $1', [userId]);
    return rows[0] ? accountDisabled(rows[0].name) : userNotFound(userId);
  }

  async addToken(userId: string, tokenHash: string, at: Date): Promise<void> {
    const done = await this.#pool.query(
      `INSERT INTO ziping_api_tokens (hash, user_id, created_at) SELECT $1, id, $3 ${activeUserRow('$2')}`,
      [tokenHash, userId, at.toISOString()],
    );
    if (done.rowCount !== 1) throw await this.#inactive(userId);
  }

  async userByToken(tokenHash: string): Promise<StoredUser | null> {
    const rows = await this.#users(
      `SELECT ${USER_COLUMNS} FROM ziping_api_tokens t JOIN ziping_users u ON u.id = t.user_id
       WHERE t.hash = $1 AND t.revoked_at IS NULL AND u.disabled_at IS NULL`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /**
   * Disables the user, revokes the tokens and ends the sessions in one transaction. The rows of the
   * user and of every active administrator are locked first, so two administrators revoking the
   * last two others at once cannot both pass the last-administrator check.
   */
  async revokeUser(userId: string, at: Date): Promise<number> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string; role: string; disabled_at: string | null }>(
        `SELECT id, role, disabled_at FROM ziping_users WHERE id = $1 OR (role = 'admin' AND disabled_at IS NULL)
         ORDER BY id FOR UPDATE`,
        [userId],
      );
      const user = rows.find((r) => r.id === userId);
      if (!user) throw userNotFound(userId);
      const activeAdmins = rows.filter((r) => r.role === 'admin' && r.disabled_at === null);
      if (user.role === 'admin' && user.disabled_at === null && activeAdmins.length <= 1) throw lastAdmin();
      await client.query('UPDATE ziping_users SET disabled_at = coalesce(disabled_at, $2) WHERE id = $1', [
        userId,
        at.toISOString(),
      ]);
      const revoked = await client.query<{ n: string }>(REVOKE_SECRETS, [userId, at.toISOString()]);
      await client.query('COMMIT');
      return Number(revoked.rows[0]!.n);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async restoreUser(userId: string): Promise<void> {
    const done = await this.#pool.query('UPDATE ziping_users SET disabled_at = NULL WHERE id = $1', [userId]);
    if (done.rowCount !== 1) throw userNotFound(userId);
  }

  /** Records a session of an active user and drops the expired ones. */
  async addSession(session: NewSession): Promise<void> {
    const done = await this.#pool.query(
      `WITH old AS (DELETE FROM ziping_sessions WHERE expires_at <= $3)
       INSERT INTO ziping_sessions (hash, user_id, created_at, expires_at)
       SELECT $1, id, $3, $4 ${activeUserRow('$2')}`,
      [session.hash, session.userId, session.at.toISOString(), session.expiresAt.toISOString()],
    );
    if (done.rowCount !== 1) throw await this.#inactive(session.userId);
  }

  async userBySession(sessionHash: string, now: Date): Promise<StoredUser | null> {
    const rows = await this.#users(
      `SELECT ${USER_COLUMNS} FROM ziping_sessions s JOIN ziping_users u ON u.id = s.user_id
       WHERE s.hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL`,
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

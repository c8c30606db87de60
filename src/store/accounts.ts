/**
 * The accounts port (issue #12): users, password hashes, hashed API tokens and sessions, kept in the
 * same store as the forms (memory, lowdb, D1, PostgreSQL). Secrets are never stored: a token or a
 * session id is kept as its SHA-256 (src/app/access/secrets.ts), a password as its PBKDF2 hash.
 * Errors are ZipingErrors: `user_exists` for a taken name, `not_found` for an unknown user,
 * `account_disabled` for a token or session of a revoked user, `last_admin` for revoking the last
 * active administrator. A revoked user is disabled (`disabledAt`) until restored: the stores find
 * no user by their tokens or sessions, and count them as no administrator.
 */
import { ZipingError } from '../core/errors.js';
import type { Role } from '../core/access/roles.js';
import type { User } from '../core/access/user.js';

/** A user as stored: the public fields plus the password hash (null until one is set). */
export interface StoredUser extends User {
  passwordHash: string | null;
}

export interface NewUser {
  name: string;
  unit: string;
  role: Role;
  passwordHash: string | null;
  at: Date;
}

export interface NewSession {
  /** SHA-256 of the session id (the cookie holds the id itself). */
  hash: string;
  userId: string;
  at: Date;
  expiresAt: Date;
}

export interface AccountRepository {
  /** Creates a user; `user_exists` when the name is taken. */
  createUser(input: NewUser): Promise<StoredUser>;
  /** The user with this sign-in name, or null. */
  userByName(name: string): Promise<StoredUser | null>;
  /** Every user, by name. */
  listUsers(): Promise<StoredUser[]>;
  /** How many active (not disabled) administrators exist (a team server refuses to start without one). */
  countAdmins(): Promise<number>;
  /** Sets a user's password hash; `not_found` for an unknown user. */
  setPassword(userId: string, passwordHash: string): Promise<void>;
  /** Records a new API token of an active user by its hash; `account_disabled` for a disabled one. */
  addToken(userId: string, tokenHash: string, at: Date): Promise<void>;
  /** The active owner of a token that is not revoked, or null. */
  userByToken(tokenHash: string): Promise<StoredUser | null>;
  /**
   * In one write: disables the user (keeping an earlier `disabledAt`), revokes every token and ends
   * every session; returns how many tokens were revoked. `last_admin` (nothing changed) when the
   * user is the last active administrator; `not_found` for an unknown user.
   */
  revokeUser(userId: string, at: Date): Promise<number>;
  /** Enables a disabled user again (their revoked tokens stay revoked); `not_found` for an unknown user. */
  restoreUser(userId: string): Promise<void>;
  /** Records a new session of an active user; `account_disabled` for a disabled one. */
  addSession(session: NewSession): Promise<void>;
  /** The active user of a session that has not expired at `now`, or null. */
  userBySession(sessionHash: string, now: Date): Promise<StoredUser | null>;
  /** Ends a session (nothing when it is unknown). */
  deleteSession(sessionHash: string): Promise<void>;
  /** Releases what the store holds (the form store usually owns the connection). */
  close(): Promise<void>;
}

/** `user_exists` for a name that is taken. */
export function userExists(name: string): ZipingError {
  return new ZipingError('user_exists', `用户名“${name}”已被使用`, {
    issues: [{ path: 'name', code: 'user_exists', message: '用户名已被使用' }],
  });
}

/** `not_found` for a user the store does not hold. */
export function userNotFound(name: string): ZipingError {
  return new ZipingError('not_found', `没有用户“${name}”`, { details: { name } });
}

/** `account_disabled`: the user was revoked. */
export function accountDisabled(name: string): ZipingError {
  return new ZipingError('account_disabled', `用户“${name}”的账户已停用（已吊销），需管理员恢复后才能使用`);
}

/** `last_admin`: revoking would leave a team server without an active administrator. */
export function lastAdmin(): ZipingError {
  return new ZipingError(
    'last_admin',
    '不能吊销最后一个在用的管理员：没有管理员，团队服务无法启动。请先新建或恢复另一个管理员',
  );
}

/** The public fields of a stored user. */
export function publicUser(user: StoredUser): User {
  const { id, name, unit, role, createdAt, disabledAt } = user;
  return { id, name, unit, role, createdAt, disabledAt };
}

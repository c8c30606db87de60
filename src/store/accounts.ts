/**
 * The accounts port (issue #12): users, password hashes, hashed API tokens and sessions, kept in the
 * same store as the forms (memory, lowdb, D1, PostgreSQL). Secrets are never stored: a token or a
 * session id is kept as its SHA-256 (src/app/access/secrets.ts), a password as its PBKDF2 hash.
 * Errors are ZipingErrors: `user_exists` for a taken name, `not_found` for an unknown user.
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
  /** How many administrators exist (the server refuses to start for a team without one). */
  countAdmins(): Promise<number>;
  /** Sets a user's password hash; `not_found` for an unknown user. */
  setPassword(userId: string, passwordHash: string): Promise<void>;
  /** Records a new API token of a user by its hash. */
  addToken(userId: string, tokenHash: string, at: Date): Promise<void>;
  /** The owner of a token that is not revoked, or null. */
  userByToken(tokenHash: string): Promise<StoredUser | null>;
  /** Revokes every token of a user and ends their sessions; returns how many tokens were revoked. */
  revokeUser(userId: string, at: Date): Promise<number>;
  /** Records a new session. */
  addSession(session: NewSession): Promise<void>;
  /** The user of a session that has not expired at `now`, or null. */
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

/** The public fields of a stored user. */
export function publicUser(user: StoredUser): User {
  return { id: user.id, name: user.name, unit: user.unit, role: user.role, createdAt: user.createdAt };
}

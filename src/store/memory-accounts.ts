/**
 * An AccountRepository in Maps: for tests and for the memory form store. Each method runs to
 * completion without awaiting, so its changes are atomic with respect to each other.
 */
import { newFormId } from './ids.js';
import {
  userExists,
  userNotFound,
  type AccountRepository,
  type NewSession,
  type NewUser,
  type StoredUser,
} from './accounts.js';

interface TokenRow {
  userId: string;
  revokedAt: string | null;
}

export class MemoryAccountRepository implements AccountRepository {
  readonly #users = new Map<string, StoredUser>();
  readonly #tokens = new Map<string, TokenRow>();
  readonly #sessions = new Map<string, { userId: string; expiresAt: string }>();

  #byId(userId: string): StoredUser | null {
    return [...this.#users.values()].find((u) => u.id === userId) ?? null;
  }

  /** Creates a user; `user_exists` when the name is taken. */
  async createUser(input: NewUser): Promise<StoredUser> {
    if (this.#users.has(input.name)) throw userExists(input.name);
    const user: StoredUser = Object.freeze({
      id: newFormId(),
      name: input.name,
      unit: input.unit,
      role: input.role,
      createdAt: input.at.toISOString(),
      passwordHash: input.passwordHash,
    });
    this.#users.set(user.name, user);
    return user;
  }

  async userByName(name: string): Promise<StoredUser | null> {
    return this.#users.get(name) ?? null;
  }

  async listUsers(): Promise<StoredUser[]> {
    return [...this.#users.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async countAdmins(): Promise<number> {
    return [...this.#users.values()].filter((u) => u.role === 'admin').length;
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    const user = this.#byId(userId);
    if (!user) throw userNotFound(userId);
    this.#users.set(user.name, Object.freeze({ ...user, passwordHash }));
  }

  async addToken(userId: string, tokenHash: string, _at: Date): Promise<void> {
    if (!this.#byId(userId)) throw userNotFound(userId);
    this.#tokens.set(tokenHash, { userId, revokedAt: null });
  }

  async userByToken(tokenHash: string): Promise<StoredUser | null> {
    const row = this.#tokens.get(tokenHash);
    return row && row.revokedAt === null ? this.#byId(row.userId) : null;
  }

  async revokeUser(userId: string, at: Date): Promise<number> {
    let revoked = 0;
    for (const [hash, row] of this.#tokens) {
      if (row.userId !== userId || row.revokedAt !== null) continue;
      this.#tokens.set(hash, { ...row, revokedAt: at.toISOString() });
      revoked += 1;
    }
    for (const [hash, session] of this.#sessions) if (session.userId === userId) this.#sessions.delete(hash);
    return revoked;
  }

  async addSession(session: NewSession): Promise<void> {
    this.#sessions.set(session.hash, { userId: session.userId, expiresAt: session.expiresAt.toISOString() });
  }

  async userBySession(sessionHash: string, now: Date): Promise<StoredUser | null> {
    const session = this.#sessions.get(sessionHash);
    if (!session || session.expiresAt <= now.toISOString()) return null;
    return this.#byId(session.userId);
  }

  async deleteSession(sessionHash: string): Promise<void> {
    this.#sessions.delete(sessionHash);
  }

  async close(): Promise<void> {}
}

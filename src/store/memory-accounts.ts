/**
 * An AccountRepository in memory (tests, the memory form store), and the base of the lowdb one:
 * the document of accounts-document.ts in a variable; `commit` is where a subclass makes a change
 * durable before it is seen. Each change is computed and committed without interleaving.
 */
import type { AccountRepository, NewSession, NewUser, StoredUser } from './accounts.js';
import {
  activeAdminCount,
  EMPTY_ACCOUNTS,
  userOfSession,
  userOfToken,
  usersByName,
  withoutSession,
  withPassword,
  withSession,
  withToken,
  withUser,
  withUserRestored,
  withUserRevoked,
  type AccountsDocument,
} from './accounts-document.js';

export class MemoryAccountRepository implements AccountRepository {
  #doc: AccountsDocument;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(doc: AccountsDocument = EMPTY_ACCOUNTS) {
    this.#doc = doc;
  }

  /** Makes `doc` durable (nothing to do in memory). */
  protected async commit(_doc: AccountsDocument): Promise<void> {}

  /** Applies `change` to the current document once earlier changes are committed. */
  #change<T>(change: (doc: AccountsDocument) => [AccountsDocument, T]): Promise<T> {
    const run = this.#queue.then(async () => {
      const [next, result] = change(this.#doc);
      await this.commit(next);
      this.#doc = next;
      return result;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async createUser(input: NewUser): Promise<StoredUser> {
    return this.#change((doc) => withUser(doc, input));
  }

  async userByName(name: string): Promise<StoredUser | null> {
    return this.#doc.users.find((u) => u.name === name) ?? null;
  }

  async listUsers(): Promise<StoredUser[]> {
    return usersByName(this.#doc);
  }

  async countAdmins(): Promise<number> {
    return activeAdminCount(this.#doc);
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    return this.#change((doc) => [withPassword(doc, userId, passwordHash), undefined]);
  }

  async addToken(userId: string, tokenHash: string, at: Date): Promise<void> {
    return this.#change((doc) => [withToken(doc, userId, tokenHash, at), undefined]);
  }

  async userByToken(tokenHash: string): Promise<StoredUser | null> {
    return userOfToken(this.#doc, tokenHash);
  }

  async revokeUser(userId: string, at: Date): Promise<number> {
    return this.#change((doc) => withUserRevoked(doc, userId, at));
  }

  async restoreUser(userId: string): Promise<void> {
    return this.#change((doc) => [withUserRestored(doc, userId), undefined]);
  }

  async addSession(session: NewSession): Promise<void> {
    return this.#change((doc) => [withSession(doc, session), undefined]);
  }

  async userBySession(sessionHash: string, now: Date): Promise<StoredUser | null> {
    return userOfSession(this.#doc, sessionHash, now);
  }

  async deleteSession(sessionHash: string): Promise<void> {
    return this.#change((doc) => [withoutSession(doc, sessionHash), undefined]);
  }

  async close(): Promise<void> {
    await this.#queue;
  }
}

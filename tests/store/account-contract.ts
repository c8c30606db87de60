/**
 * The behaviours every AccountRepository must have (issue #12), one table run against each store
 * (memory, lowdb, PostgreSQL, D1 in tests/worker), so the stores cannot drift apart. No node:*
 * imports: the Worker tests run this file in workerd.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZipingError } from '../../src/core/errors.js';
import type { AccountRepository } from '../../src/store/accounts.js';

export interface AccountsUnderTest {
  accounts: AccountRepository;
  /** Closes the store and opens it again on the same data (omitted where the data is the connection). */
  reopen?(): Promise<AccountRepository>;
  dispose(): Promise<void>;
}

const T0 = new Date('2024-03-01T08:00:00.000Z');
const later = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ZipingError);
  return (error as ZipingError).code;
}

/** Registers the account behaviours for the store `open` makes. */
export function describeAccountContract(name: string, open: () => Promise<AccountsUnderTest>): void {
  describe(`${name}: AccountRepository behaviours`, () => {
    let subject: AccountsUnderTest;
    let accounts: AccountRepository;
    beforeEach(async () => {
      subject = await open();
      accounts = subject.accounts;
    });
    afterEach(() => subject.dispose());

    const add = (name: string, role: 'filler' | 'reviewer' | 'admin' = 'filler', unit = '某市财政局/某市科委') =>
      accounts.createUser({ name, unit, role, passwordHash: null, at: T0 });

    it('creates users with unique names and lists them by name', async () => {
      const zhang = await add('张三');
      await add('admin', 'admin', '某市财政局');
      expect(zhang).toMatchObject({
        name: '张三',
        unit: '某市财政局/某市科委',
        role: 'filler',
        passwordHash: null,
        disabledAt: null,
      });
      expect(zhang.createdAt).toBe(T0.toISOString());
      expect(await codeOf(add('张三', 'admin'))).toBe('user_exists');
      expect((await accounts.listUsers()).map((u) => u.name)).toEqual(['admin', '张三']);
      expect(await accounts.userByName('张三')).toEqual(zhang);
      expect(await accounts.userByName('李四')).toBeNull();
      expect(await accounts.countAdmins()).toBe(1);
    });

    it('finds a user by a live token hash only, until revoked', async () => {
      const user = await add('zhang');
      const other = await add('li');
      await accounts.addToken(user.id, 'a'.repeat(64), T0);
      await accounts.addToken(user.id, 'b'.repeat(64), T0);
      await accounts.addToken(other.id, 'c'.repeat(64), T0);
      expect((await accounts.userByToken('a'.repeat(64)))?.name).toBe('zhang');
      expect(await accounts.userByToken('d'.repeat(64))).toBeNull();
      expect(await accounts.revokeUser(user.id, later(1))).toBe(2);
      expect(await accounts.userByToken('a'.repeat(64))).toBeNull();
      expect(await accounts.userByToken('b'.repeat(64))).toBeNull();
      expect((await accounts.userByToken('c'.repeat(64)))?.name).toBe('li');
      expect(await accounts.revokeUser(user.id, later(2))).toBe(0);
    });

    it('keeps sessions until they expire, are deleted or the user is revoked', async () => {
      const user = await add('zhang');
      await accounts.addSession({ hash: 's1', userId: user.id, at: T0, expiresAt: later(60) });
      await accounts.addSession({ hash: 's2', userId: user.id, at: T0, expiresAt: later(60) });
      expect((await accounts.userBySession('s1', later(59)))?.name).toBe('zhang');
      expect(await accounts.userBySession('s1', later(60))).toBeNull();
      await accounts.deleteSession('s1');
      expect(await accounts.userBySession('s1', later(1))).toBeNull();
      expect((await accounts.userBySession('s2', later(1)))?.name).toBe('zhang');
      await accounts.revokeUser(user.id, later(2));
      expect(await accounts.userBySession('s2', later(3))).toBeNull();
    });

    it('sets a password hash', async () => {
      const user = await add('zhang');
      await accounts.setPassword(user.id, 'pbkdf2-sha256$1$x$y');
      expect((await accounts.userByName('zhang'))?.passwordHash).toBe('pbkdf2-sha256$1$x$y');
      expect(await codeOf(accounts.setPassword('nobody', 'h'))).toBe('not_found');
    });

    it('disables a revoked user in the same write: no token, session or new secret until restored', async () => {
      const user = await add('zhang');
      await accounts.addToken(user.id, 'a'.repeat(64), T0);
      await accounts.addSession({ hash: 's1', userId: user.id, at: T0, expiresAt: later(60) });
      expect(user.disabledAt).toBeNull();
      expect(await accounts.revokeUser(user.id, later(1))).toBe(1);
      expect((await accounts.userByName('zhang'))?.disabledAt).toBe(later(1).toISOString());
      expect((await accounts.listUsers()).map((u) => [u.name, u.disabledAt])).toEqual([
        ['zhang', later(1).toISOString()],
      ]);
      expect(await codeOf(accounts.addToken(user.id, 'b'.repeat(64), later(2)))).toBe('account_disabled');
      const session = { hash: 's2', userId: user.id, at: later(2), expiresAt: later(60) };
      expect(await codeOf(accounts.addSession(session))).toBe('account_disabled');
      expect(await accounts.userByToken('b'.repeat(64))).toBeNull();
      expect(await accounts.userBySession('s2', later(3))).toBeNull();
      // Revoking again keeps the first time; unknown users are not_found either way
      expect(await accounts.revokeUser(user.id, later(5))).toBe(0);
      expect((await accounts.userByName('zhang'))?.disabledAt).toBe(later(1).toISOString());
      expect(await codeOf(accounts.revokeUser('nobody', later(5)))).toBe('not_found');
      expect(await codeOf(accounts.restoreUser('nobody'))).toBe('not_found');
    });

    it('restores a user without bringing back their revoked tokens or sessions', async () => {
      const user = await add('zhang');
      await accounts.addToken(user.id, 'a'.repeat(64), T0);
      await accounts.addSession({ hash: 's1', userId: user.id, at: T0, expiresAt: later(60) });
      await accounts.revokeUser(user.id, later(1));
      await accounts.restoreUser(user.id);
      expect((await accounts.userByName('zhang'))?.disabledAt).toBeNull();
      expect(await accounts.userByToken('a'.repeat(64))).toBeNull();
      expect(await accounts.userBySession('s1', later(2))).toBeNull();
      await accounts.addToken(user.id, 'b'.repeat(64), later(2));
      await accounts.addSession({ hash: 's2', userId: user.id, at: later(2), expiresAt: later(60) });
      expect((await accounts.userByToken('b'.repeat(64)))?.name).toBe('zhang');
      expect((await accounts.userBySession('s2', later(3)))?.name).toBe('zhang');
    });

    it('counts active administrators only and refuses to revoke the last one, changing nothing', async () => {
      const first = await add('admin-1', 'admin', '某市财政局');
      const second = await add('admin-2', 'admin', '某市财政局');
      await accounts.addToken(second.id, 'a'.repeat(64), T0);
      await accounts.addSession({ hash: 's1', userId: second.id, at: T0, expiresAt: later(60) });
      expect(await accounts.countAdmins()).toBe(2);
      await accounts.revokeUser(first.id, later(1));
      expect(await accounts.countAdmins()).toBe(1);
      expect(await codeOf(accounts.revokeUser(second.id, later(2)))).toBe('last_admin');
      expect((await accounts.userByName('admin-2'))?.disabledAt).toBeNull();
      expect((await accounts.userByToken('a'.repeat(64)))?.name).toBe('admin-2');
      expect((await accounts.userBySession('s1', later(3)))?.name).toBe('admin-2');
      // A disabled administrator may be revoked again; once restored, the other can go
      expect(await accounts.revokeUser(first.id, later(3))).toBe(0);
      await accounts.restoreUser(first.id);
      expect(await accounts.countAdmins()).toBe(2);
      expect(await accounts.revokeUser(second.id, later(4))).toBe(1);
      expect(await accounts.countAdmins()).toBe(1);
    });

    it('lets only one of two concurrent revocations of the last two administrators through', async () => {
      const first = await add('admin-1', 'admin', '某市财政局');
      const second = await add('admin-2', 'admin', '某市财政局');
      const results = await Promise.allSettled([
        accounts.revokeUser(first.id, later(1)),
        accounts.revokeUser(second.id, later(1)),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((refused.reason as ZipingError).code).toBe('last_admin');
      expect(await accounts.countAdmins()).toBe(1);
    });

    it('keeps everything when opened again', async () => {
      if (!subject.reopen) return;
      const user = await add('zhang', 'admin', '某市财政局');
      await accounts.addToken(user.id, 'a'.repeat(64), T0);
      await accounts.addSession({ hash: 's1', userId: user.id, at: T0, expiresAt: later(60) });
      const gone = await add('li');
      await accounts.revokeUser(gone.id, later(2));
      accounts = await subject.reopen();
      expect((await accounts.userByToken('a'.repeat(64)))?.name).toBe('zhang');
      expect((await accounts.userBySession('s1', later(1)))?.name).toBe('zhang');
      expect(await accounts.countAdmins()).toBe(1);
      expect((await accounts.userByName('li'))?.disabledAt).toBe(later(2).toISOString());
    });
  });
}

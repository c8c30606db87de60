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
      expect(zhang).toMatchObject({ name: '张三', unit: '某市财政局/某市科委', role: 'filler', passwordHash: null });
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

    it('keeps everything when opened again', async () => {
      if (!subject.reopen) return;
      const user = await add('zhang', 'admin', '某市财政局');
      await accounts.addToken(user.id, 'a'.repeat(64), T0);
      await accounts.addSession({ hash: 's1', userId: user.id, at: T0, expiresAt: later(60) });
      accounts = await subject.reopen();
      expect((await accounts.userByToken('a'.repeat(64)))?.name).toBe('zhang');
      expect((await accounts.userBySession('s1', later(1)))?.name).toBe('zhang');
      expect(await accounts.countAdmins()).toBe(1);
    });
  });
}

/** The account behaviours on the memory and lowdb stores (PostgreSQL: postgres-accounts.test.ts; D1: tests/worker). */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { LowdbAccountRepository } from '../../src/store/lowdb-accounts.js';
import { MemoryAccountRepository } from '../../src/store/memory-accounts.js';
import { makeTempDir, removeDir } from '../support/temp-dir.js';
import { describeAccountContract } from './account-contract.js';

describeAccountContract('memory store', async () => {
  const accounts = new MemoryAccountRepository();
  return { accounts, dispose: () => accounts.close() };
});

describeAccountContract('lowdb store', async () => {
  const dir = await makeTempDir();
  let accounts = await LowdbAccountRepository.open(dir);
  return {
    accounts,
    async reopen() {
      await accounts.close();
      accounts = await LowdbAccountRepository.open(dir);
      return accounts;
    },
    async dispose() {
      await accounts.close();
      await removeDir(dir);
    },
  };
});

it('moves an unreadable accounts.json aside and starts without users', async () => {
  const dir = await makeTempDir();
  await writeFile(join(dir, 'accounts.json'), '{"format":1,"users":[{"name":');
  const moved: string[] = [];
  const accounts = await LowdbAccountRepository.open(dir, (entry) => moved.push(entry.file));
  expect(moved).toEqual(['accounts.json']);
  expect(await accounts.countAdmins()).toBe(0);
  expect((await readdir(join(dir, 'quarantine'))).some((f) => f.endsWith('accounts.json'))).toBe(true);
  await accounts.close();
  await removeDir(dir);
});

it('reads an accounts.json written before users could be disabled: every user is active', async () => {
  const dir = await makeTempDir();
  const user = { id: 'u1', name: '王管理', unit: '某市财政局', role: 'admin', createdAt: '2024-03-01T08:00:00.000Z' };
  const doc = { format: 1, users: [{ ...user, passwordHash: null }], tokens: [], sessions: [] };
  await writeFile(join(dir, 'accounts.json'), JSON.stringify(doc));
  const accounts = await LowdbAccountRepository.open(dir, () => expect.unreachable('quarantined'));
  expect(await accounts.userByName('王管理')).toEqual({ ...user, passwordHash: null, disabledAt: null });
  expect(await accounts.countAdmins()).toBe(1);
  await accounts.close();
  await removeDir(dir);
});

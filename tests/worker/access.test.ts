/**
 * Issue #12 on the Worker in workerd with D1: the account behaviours of the D1 store, and the
 * access suite (every route as nobody, forged, revoked, another unit, reader, administrator)
 * against the Worker's app with ZIPING_AUTH=on, users and forms in the same D1 database.
 */
import { env } from 'cloudflare:test';
import { afterAll } from 'vitest';
import { addUser, restoreUser, revokeUser } from '../../src/app/access/user-admin.js';
import { workerApp } from '../../src/entry/worker.js';
import { D1AccountRepository } from '../../src/store/d1-accounts.js';
import { accessSuite } from '../access/access-suite.js';
import { seedInput } from '../support/seed-forms.js';
import { describeAccountContract } from '../store/account-contract.js';
import { freshD1, resetD1 } from './d1.js';

describeAccountContract('D1 store (workerd)', async () => {
  const accounts = new D1AccountRepository(await freshD1());
  return { accounts, dispose: resetD1 };
});

afterAll(resetD1);

accessSuite(async () => {
  const db = await freshD1();
  const accounts = new D1AccountRepository(db);
  const app = workerApp({ ...env, DB: db, ZIPING_AUTH: 'on' });
  return {
    fetch: async (path, init) => app.fetch(new Request(`http://ziping.test${path}`, init), env),
    addUser: async (name, unit, role) => (await addUser(accounts, { name, unit, role }, new Date())).token,
    revoke: async (name) => void (await revokeUser(accounts, name, new Date())),
    restore: async (name) => void (await restoreUser(accounts, name)),
  };
}, seedInput);

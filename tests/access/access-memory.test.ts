/** The access suite against the app in process, with the memory stores (issue #12). */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/create-app.js';
import { addUser, restoreUser, revokeUser } from '../../src/app/access/user-admin.js';
import { callerFor } from '../../src/app/access/credentials.js';
import type { StoredUser } from '../../src/store/accounts.js';
import { MemoryAccountRepository } from '../../src/store/memory-accounts.js';
import { MemoryFormRepository } from '../../src/store/memory-repository.js';
import { seedInput } from '../support/seed-forms.js';
import { accessSuite } from './access-suite.js';

accessSuite(async () => {
  const accounts = new MemoryAccountRepository();
  const app = createApp({ store: new MemoryFormRepository(), accounts, config: { authRequired: true } });
  return {
    fetch: async (path, init) => app.request(`http://localhost${path}`, init),
    addUser: async (name, unit, role) => (await addUser(accounts, { name, unit, role }, new Date())).token,
    revoke: async (name) => void (await revokeUser(accounts, name, new Date())),
    restore: async (name) => void (await restoreUser(accounts, name)),
  };
}, seedInput);

describe('routes missing from the access table', () => {
  it('answers 404 for an /api route that has a handler but no policy, even locally', async () => {
    for (const authRequired of [false, true]) {
      const app = createApp({ store: new MemoryFormRepository(), config: { authRequired } });
      app.get('/api/unlisted', (c) => c.text('reached'));
      app.get('/elsewhere', (c) => c.text('reached'));
      const unlisted = await app.request('http://localhost/api/unlisted');
      expect([unlisted.status, (await unlisted.json()).error.code]).toEqual([404, 'not_found']);
      expect(await (await app.request('http://localhost/elsewhere')).text()).toBe('reached');
    }
  });
});

it('fails closed when sign-in is required but no accounts store was given', async () => {
  const app = createApp({ store: new MemoryFormRepository(), config: { authRequired: true } });
  expect((await app.request('http://localhost/api/forms')).status).toBe(401);
});

describe('a disabled user whom a store path still answers for', () => {
  // Defence in depth: one store path that forgot the disabled check must still let no one in
  const user: StoredUser = {
    id: 'u1',
    name: 'gone',
    unit: '某市财政局',
    role: 'filler',
    createdAt: '2026-03-01T08:00:00.000Z',
    disabledAt: null,
    passwordHash: null,
  };
  it.each([
    ['an active user by token', user, null, false],
    ['an active user by session', user, 'zps_1', false],
    ['a disabled user by token', { ...user, disabledAt: '2026-03-02T08:00:00.000Z' }, null, true],
    ['a disabled user by session', { ...user, disabledAt: '2026-03-02T08:00:00.000Z' }, 'zps_1', true],
    ['no user', null, null, true],
  ] as const)('%s: dead %s', (_name, found, sessionId, dead) => {
    const caller = callerFor(found, sessionId);
    expect([caller.dead, caller.actor.kind]).toEqual([dead, dead ? 'anonymous' : 'user']);
  });
});

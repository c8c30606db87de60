/** The access suite against the app in process, with the memory stores (issue #12). */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/create-app.js';
import { addUser, restoreUser, revokeUser } from '../../src/app/access/user-admin.js';
import { newSecret, secretHash } from '../../src/app/access/secrets.js';
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
  /** The memory store with one path that forgot the disabled check: its token and session lookups. */
  class ForgetfulAccounts extends MemoryAccountRepository {
    readonly all = new Map<string, StoredUser>();
    override async userByToken(hash: string) {
      return (await super.userByToken(hash)) ?? this.all.get(hash) ?? null;
    }
    override async userBySession(hash: string, now: Date) {
      return (await super.userBySession(hash, now)) ?? this.all.get(hash) ?? null;
    }
  }

  it('is refused with 401 for a token and a session alike', async () => {
    const accounts = new ForgetfulAccounts();
    const app = createApp({ store: new MemoryFormRepository(), accounts, config: { authRequired: true } });
    const { token } = await addUser(accounts, { name: 'gone', unit: '某市财政局', role: 'filler' }, new Date());
    await revokeUser(accounts, 'gone', new Date());
    const gone = (await accounts.userByName('gone'))!;
    expect(gone.disabledAt).not.toBeNull();
    const sessionId = newSecret('zps');
    accounts.all.set(await secretHash(token), gone);
    accounts.all.set(await secretHash(sessionId), gone);
    expect(await accounts.userByToken(await secretHash(token))).toBe(gone);
    const byToken = await app.request('http://localhost/api/forms', { headers: { authorization: `Bearer ${token}` } });
    const bySession = await app.request('http://localhost/api/forms', {
      headers: { cookie: `ziping_session=${sessionId}` },
    });
    expect([byToken.status, bySession.status]).toEqual([401, 401]);
  });
});

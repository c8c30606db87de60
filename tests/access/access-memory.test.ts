/** The access suite against the app in process, with the memory stores (issue #12). */
import { createApp } from '../../src/app/create-app.js';
import { addUser, revokeUser } from '../../src/app/access/user-admin.js';
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
  };
}, seedInput);

/**
 * The access suite against the Node server on loopback with ZIPING_AUTH=on and the lowdb store;
 * users are created and revoked through the administrator's API (issue #12).
 */
import { afterAll } from 'vitest';
import { seedInput } from '../support/seed-forms.js';
import { accessSuite, UNITS } from './access-suite.js';
import { startTeamServer, type TeamServer } from './team-server.js';

let team: TeamServer | null = null;
afterAll(() => team?.stop());

accessSuite(async () => {
  team = await startTeamServer(UNITS.province);
  const { server, adminToken } = team;
  const admin = { authorization: `Bearer ${adminToken}` };
  return {
    fetch: (path, init) => server.request(path, init),
    async addUser(name, unit, role) {
      const response = await server.send('/api/users', { name, unit, role }, { headers: admin });
      if (response.status !== 201) throw new Error(`POST /api/users: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { token: string }).token;
    },
    async revoke(name) {
      const response = await server.send(`/api/users/${encodeURIComponent(name)}/revoke`, {}, { headers: admin });
      if (response.status !== 200) throw new Error(`revoke: ${response.status}`);
    },
    async restore(name) {
      const response = await server.send(`/api/users/${encodeURIComponent(name)}/restore`, {}, { headers: admin });
      if (response.status !== 200) throw new Error(`restore: ${response.status}`);
    },
  };
}, seedInput);

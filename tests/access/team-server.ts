/**
 * A Ziping server run for a team (ZIPING_AUTH=on) on loopback with a lowdb store, its first
 * administrator created the way `ziping users add` does before the start, since the server
 * refuses to start without one.
 */
import { addUser } from '../../src/app/access/user-admin.js';
import { LowdbAccountRepository } from '../../src/store/lowdb-accounts.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { makeTempDir, removeDir } from '../support/temp-dir.js';

export interface TeamServer {
  server: TestServer;
  /** The first administrator's API token. */
  adminToken: string;
  stop(): Promise<void>;
}

/** Starts a team server whose first administrator `root` manages `unit`. */
export async function startTeamServer(unit: string, password = 'root-password-1'): Promise<TeamServer> {
  const dir = await makeTempDir('ziping-team-');
  const accounts = await LowdbAccountRepository.open(dir);
  const { token } = await addUser(accounts, { name: 'root', unit, role: 'admin', password }, new Date());
  await accounts.close();
  const server = await startTestServer({ dataDir: dir, env: { ZIPING_AUTH: 'on' } });
  return {
    server,
    adminToken: token,
    async stop() {
      await server.stop();
      await removeDir(dir);
    },
  };
}

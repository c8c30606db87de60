/**
 * The app of a small department with accounts on (issue #12): the real factory with the memory
 * account store and real API tokens, so each request says who it is with `Authorization: Bearer`.
 * USERS: two fillers of one institute, one of a school, a reviewer above the institute, an admin.
 */
import { addUser } from '../../src/app/access/user-admin.js';
import { createApp } from '../../src/app/create-app.js';
import type { AppDeps } from '../../src/app/deps.js';
import type { Role } from '../../src/core/access/roles.js';
import { MemoryAccountRepository } from '../../src/store/memory-accounts.js';

const KEWEI = '某市财政局/某市科委';

export const USERS = {
  zhang: { name: '张填报', unit: `${KEWEI}/智源研究院`, role: 'filler' },
  li: { name: '李填报', unit: `${KEWEI}/智源研究院`, role: 'filler' },
  zhao: { name: '赵填报', unit: '某市财政局/某市教委/某学校', role: 'filler' },
  wang: { name: '王审核', unit: KEWEI, role: 'reviewer' },
  chen: { name: '陈管理', unit: '某市财政局', role: 'admin' },
} as const satisfies Record<string, { name: string; unit: string; role: Role }>;

export type TestUser = keyof typeof USERS;

export interface TeamApp {
  /** A request as `user` (null: nobody), path relative to the app's root. */
  request(user: TestUser | null, path: string, init?: RequestInit): Promise<Response>;
  /** Each user's id (the quota counters are keyed by it). */
  userIds: Record<TestUser, string>;
}

/** The users of USERS in one account store, with their tokens (two apps may share it). */
export interface Team {
  accounts: MemoryAccountRepository;
  tokens: Record<TestUser, string>;
  userIds: Record<TestUser, string>;
}

/** A new account store holding USERS, each with an API token. */
export async function createTeam(): Promise<Team> {
  const accounts = new MemoryAccountRepository();
  const tokens = {} as Record<TestUser, string>;
  const userIds = {} as Record<TestUser, string>;
  for (const [key, user] of Object.entries(USERS) as [TestUser, (typeof USERS)[TestUser]][]) {
    const added = await addUser(accounts, user, new Date('2026-11-01T00:00:00Z'));
    tokens[key] = added.token;
    userIds[key] = added.user.id;
  }
  return { accounts, tokens, userIds };
}

/** The app for `deps` with accounts required, for the users of `team` (default a new team). */
export async function teamApp(deps: Omit<AppDeps, 'accounts'>, team?: Team): Promise<TeamApp> {
  const { accounts, tokens, userIds } = team ?? (await createTeam());
  const app = createApp({ ...deps, accounts, config: { ...deps.config, authRequired: true } });
  return {
    userIds,
    request: async (user, path, init = {}) => {
      const headers = new Headers(init.headers);
      if (user) headers.set('authorization', `Bearer ${tokens[user]}`);
      return app.request(`http://localhost${path}`, { ...init, headers });
    },
  };
}

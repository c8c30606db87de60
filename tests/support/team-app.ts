/**
 * The real app (createApp) behind a thin outer layer that says who is asking, for tests of what
 * depends on the actor before the accounts' sign-in exists: the header `x-test-user` names one of
 * USERS, and a form route's unit is that user's unit (what the access layer will look up).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../src/app/app-env.js';
import { createApp } from '../../src/app/create-app.js';
import type { AppDeps } from '../../src/app/deps.js';
import type { Actor } from '../../src/core/access/actor.js';

const KEWEI = '某市财政局/某市科委';

/** A small department: two fillers of one institute, one of a school, a reviewer above the institute, an admin. */
export const USERS = {
  zhang: { kind: 'user', userId: 'u-zhang', name: '张填报', unit: `${KEWEI}/智源研究院`, role: 'filler' },
  li: { kind: 'user', userId: 'u-li', name: '李填报', unit: `${KEWEI}/智源研究院`, role: 'filler' },
  zhao: { kind: 'user', userId: 'u-zhao', name: '赵填报', unit: '某市财政局/某市教委/某学校', role: 'filler' },
  wang: { kind: 'user', userId: 'u-wang', name: '王审核', unit: KEWEI, role: 'reviewer' },
  chen: { kind: 'user', userId: 'u-chen', name: '陈管理', unit: '某市财政局', role: 'admin' },
} as const satisfies Record<string, Actor>;

export type TestUser = keyof typeof USERS;

/** The app for `deps`, with the actor taken from `x-test-user` (none: the local actor). */
export function teamApp(deps: AppDeps) {
  const outer = new Hono<AppEnv>();
  outer.use('*', async (c, next) => {
    const name = c.req.header('x-test-user') as TestUser | undefined;
    if (name) {
      const user = USERS[name];
      if (!user) throw new Error(`unknown test user ${name}`);
      c.set('actor', user);
      if (c.req.path.startsWith('/api/forms/')) c.set('formUnit', user.unit);
    }
    await next();
  });
  outer.route('/', createApp(deps));
  return outer;
}

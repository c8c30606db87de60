/**
 * Page sessions on a team server (issue #12): sign-in with a password sets an HttpOnly,
 * SameSite=Strict cookie; writes with the cookie need the session's CSRF token; sign-out and
 * revocation end the session; a wrong name and a wrong password get the same answer. A revoked
 * user stays shut out (no password sign-in, no token, no new token) until an administrator
 * restores them, and then only with new tokens; the last active administrator cannot be revoked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf } from '../support/server.js';
import { seedInput } from '../support/seed-forms.js';
import { startTeamServer, type TeamServer } from './team-server.js';

let team: TeamServer;
beforeAll(async () => {
  team = await startTeamServer('某市财政局');
  const admin = { authorization: `Bearer ${team.adminToken}` };
  const created = await team.server.send(
    '/api/users',
    { name: '张三', unit: '某市财政局/某市科委', role: '填报人', password: 'zhang-password-1' },
    { headers: admin },
  );
  expect(created.status).toBe(201);
});
afterAll(() => team.stop());

const signIn = (name: string, password: string) => team.server.send('/api/session', { name, password });
const admin = () => ({ authorization: `Bearer ${team.adminToken}` });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
/** POST /api/users/:name/<action> as the administrator. */
const userAction = (name: string, action: 'revoke' | 'restore' | 'tokens') =>
  team.server.send(`/api/users/${encodeURIComponent(name)}/${action}`, {}, { headers: admin() });

/** The session cookie pair (`ziping_session=…`) of a sign-in answer. */
const cookieOf = (response: Response): string => (response.headers.get('set-cookie') ?? '').split(';')[0]!;

describe('sessions', () => {
  it('says sign-in is needed and nobody is signed in', async () => {
    const me = await jsonOf(await team.server.request('/api/session'));
    expect(me).toEqual({ auth: true, user: null, csrfToken: null });
  });

  it('answers a wrong password and an unknown name alike', async () => {
    const wrong = await signIn('张三', 'not-the-password');
    const unknown = await signIn('李四', 'zhang-password-1');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.text()).toBe(await unknown.text());
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('signs in with an HttpOnly SameSite=Strict cookie and needs the CSRF token to write', async () => {
    const response = await signIn('张三', 'zhang-password-1');
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^ziping_session=zps_[\w-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const body = await jsonOf(response);
    expect(body.user).toMatchObject({ name: '张三', unit: '某市财政局/某市科委', role: 'filler', roleLabel: '填报人' });
    const cookie = cookieOf(response);

    const me = await jsonOf(await team.server.request('/api/session', { headers: { cookie } }));
    expect(me.user.name).toBe('张三');
    expect(me.csrfToken).toBe(body.csrfToken);

    const noCsrf = await team.server.send('/api/forms', seedInput(), { headers: { cookie } });
    expect(noCsrf.status).toBe(403);
    expect((await jsonOf(noCsrf)).error.code).toBe('csrf_rejected');
    const wrongCsrf = await team.server.send('/api/forms', seedInput(), {
      headers: { cookie, 'x-ziping-csrf': `${body.csrfToken.slice(0, -1)}x` },
    });
    expect(wrongCsrf.status).toBe(403);
    const saved = await team.server.send('/api/forms', seedInput(), {
      headers: { cookie, 'x-ziping-csrf': body.csrfToken, 'x-ziping-user': 'someone-else' },
    });
    expect(saved.status).toBe(201);
    const id = (await jsonOf(saved)).id;
    const history = await jsonOf(await team.server.request(`/api/forms/${id}/history`, { headers: { cookie } }));
    // The signed-in user replaces the free-text 署名
    expect(JSON.stringify(history)).toContain('"by":"张三"');
    expect(JSON.stringify(history)).not.toContain('someone-else');

    const out = await team.server.request('/api/session', {
      method: 'DELETE',
      headers: { cookie, 'x-ziping-csrf': body.csrfToken },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/ziping_session=;/);
    expect((await team.server.request(`/api/forms/${id}`, { headers: { cookie } })).status).toBe(401);
  });

  it('lists only the users an administrator manages, active or not', async () => {
    const list = await jsonOf(await team.server.request('/api/users', { headers: admin() }));
    expect(list.items.map((u: { name: string; disabledAt: string | null }) => [u.name, u.disabledAt])).toEqual([
      ['root', null],
      ['张三', null],
    ]);
  });
  it('never shows a password hash or token hash in the user list', async () => {
    const list = await team.server.request('/api/users', { headers: admin() });
    const text = await list.text();
    expect(JSON.parse(text).items.map((u: { name: string }) => u.name)).toContain('张三');
    expect(text).not.toMatch(/pbkdf2|passwordHash|hash/);
  });
});

describe('revoking and restoring a user', () => {
  const password = 'zhao-password-1';
  let token = '';
  beforeAll(async () => {
    const user = { name: '赵六', unit: '某市财政局/某市科委', role: '填报人', password };
    const created = await team.server.send('/api/users', user, { headers: admin() });
    token = (await jsonOf(created)).token;
  });

  it('ends the sessions and tokens of a revoked user, and the password no longer signs in', async () => {
    const cookie = cookieOf(await signIn('赵六', password));
    expect((await team.server.request('/api/forms', { headers: { cookie } })).status).toBe(200);
    expect((await team.server.request('/api/forms', { headers: bearer(token) })).status).toBe(200);
    const revoked = await userAction('赵六', 'revoke');
    expect([revoked.status, await jsonOf(revoked)]).toEqual([200, { revokedTokens: 1 }]);
    expect((await team.server.request('/api/forms', { headers: { cookie } })).status).toBe(401);
    expect((await team.server.request('/api/forms', { headers: bearer(token) })).status).toBe(401);

    // The right password learns the account is disabled; a wrong one learns nothing more than for anyone
    const right = await signIn('赵六', password);
    expect(right.headers.get('set-cookie')).toBeNull();
    const { error } = await jsonOf(right);
    expect([right.status, error.code]).toEqual([403, 'account_disabled']);
    expect(error.message).toContain('账户已停用');
    const wrong = await signIn('赵六', 'not-the-password');
    const unknown = await signIn('没有这个人', 'not-the-password');
    expect([wrong.status, await wrong.text()]).toEqual([401, await unknown.text()]);

    // No new token for a disabled account, and the list says who is disabled
    const issued = await userAction('赵六', 'tokens');
    expect([issued.status, (await jsonOf(issued)).error.code]).toEqual([403, 'account_disabled']);
    const list = await jsonOf(await team.server.request('/api/users', { headers: admin() }));
    const row = list.items.find((u: { name: string }) => u.name === '赵六');
    expect(row.disabledAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('restores the account: the password signs in again, the old token stays revoked', async () => {
    const restored = await userAction('赵六', 'restore');
    expect(restored.status).toBe(200);
    expect((await jsonOf(restored)).user).toMatchObject({ name: '赵六', role: 'filler', disabledAt: null });
    expect((await signIn('赵六', password)).status).toBe(200);
    expect((await team.server.request('/api/forms', { headers: bearer(token) })).status).toBe(401);
    const issued = await userAction('赵六', 'tokens');
    expect(issued.status).toBe(201);
    const fresh = (await jsonOf(issued)).token;
    expect((await team.server.request('/api/forms', { headers: bearer(fresh) })).status).toBe(200);
  });

  it('refuses to revoke the last active administrator, who keeps working', async () => {
    const refused = await userAction('root', 'revoke');
    const { error } = await jsonOf(refused);
    expect([refused.status, error.code]).toEqual([409, 'last_admin']);
    expect(error.message).toContain('最后一个在用的管理员');
    expect((await team.server.request('/api/users', { headers: admin() })).status).toBe(200);
  });

  it('answers 404 for revoking or restoring a user who does not exist', async () => {
    for (const action of ['revoke', 'restore'] as const) {
      const response = await userAction('没有这个人', action);
      expect([action, response.status]).toEqual([action, 404]);
    }
  });

  it('audits revoking and restoring like the other user routes', async () => {
    const before = await jsonOf(await team.server.request('/api/audit?limit=200', { headers: admin() }));
    await userAction('赵六', 'revoke');
    await userAction('赵六', 'restore');
    const after = await jsonOf(await team.server.request('/api/audit?limit=200', { headers: admin() }));
    const fresh = after.items.filter((e: { seq: number }) => e.seq > (before.items[0]?.seq ?? 0));
    const seen = fresh.map((e: { actorName: string; action: string; status: number }) => [
      e.actorName,
      e.action,
      e.status,
    ]);
    expect(seen).toEqual([
      ['root', 'admin', 200],
      ['root', 'admin', 200],
    ]);
  });
});

describe('sign-in throttling (SIGN_IN_LIMIT)', () => {
  it('locks a name after ten wrong passwords, known or not, and says when; its token still works', async () => {
    const admin = { authorization: `Bearer ${team.adminToken}` };
    const made = await team.server.send(
      '/api/users',
      { name: '王五', unit: '某市财政局/某市科委', role: '填报人', password: 'wang-password-1' },
      { headers: admin },
    );
    const { token } = await jsonOf(made);
    for (let i = 0; i < 10; i++) {
      expect((await signIn('王五', `wrong-${i}`)).status).toBe(401);
      expect((await signIn('不存在的人', `wrong-${i}`)).status).toBe(401);
    }
    // The right password is refused now too, for a real name and an unknown one alike
    const locked = await signIn('王五', 'wang-password-1');
    const unknown = await signIn('不存在的人', 'wang-password-1');
    expect(locked.status).toBe(429);
    expect(unknown.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    const { error } = await jsonOf(locked);
    expect(error).toMatchObject({ code: 'rate_limited', scope: 'sign-in', limit: 10, windowSeconds: 900 });
    expect(error.message).toContain('密码错误次数过多');
    // Other names are not held up, and the locked user's API token still works
    expect((await signIn('张三', 'zhang-password-1')).status).toBe(200);
    const list = await team.server.request('/api/forms', { headers: { authorization: `Bearer ${token}` } });
    expect(list.status).toBe(200);
  });
});

/**
 * Start-up for a team (issue #12): off loopback or with ZIPING_AUTH=on sign-in is required and
 * the server refuses to start until an administrator exists, printing the command; `ziping users`
 * creates one (token on the last line) and revokes tokens; a laptop stays zero-config.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { authRequiredFor } from '../../src/app/access/auth-setting.js';
import { startNodeServer } from '../../src/entry/node.js';
import { ziping } from '../support/cli.js';
import { makeTempDir, removeDir } from '../support/temp-dir.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await removeDir(dir);
});
const tempDir = async () => {
  const dir = await makeTempDir('ziping-startup-');
  dirs.push(dir);
  return dir;
};
const start = (dataDir: string, env: Record<string, string>, host = '127.0.0.1') =>
  startNodeServer({ host, port: 0, dataDir, env, handleSignals: false, log: () => undefined, webAssets: null });

describe('start-up', () => {
  it.each([
    ['127.0.0.1', undefined, false],
    ['localhost', undefined, false],
    ['::1', undefined, false],
    ['127.0.0.1', 'on', true],
    ['127.0.0.1', 'off', false],
    ['0.0.0.0', undefined, true],
    ['0.0.0.0', 'off', true],
    ['192.168.1.20', undefined, true],
  ])('host %s with ZIPING_AUTH=%s requires sign-in: %s', (host, env, expected) => {
    expect(authRequiredFor(host, undefined, env)).toBe(expected);
  });

  it('refuses to start a team server without an administrator, naming the command; not a laptop', async () => {
    const dir = await tempDir();
    await expect(start(dir, { ZIPING_AUTH: 'on' })).rejects.toThrow(/ziping users add .*--role 管理员/);
    // Refused before listening, on any address: nothing is bound
    await expect(start(dir, {}, '0.0.0.0')).rejects.toThrow(/还没有管理员/);
    const laptop = await start(dir, {});
    const me = await (await fetch(`${laptop.url}/api/session`)).json();
    expect(me).toEqual({ auth: false, user: null, csrfToken: null });
    expect((await fetch(`${laptop.url}/api/forms`)).status).toBe(200);
    await laptop.close();
  });

  it('starts once `ziping users add` made an administrator, whose token (last line) works until revoked', async () => {
    const dir = await tempDir();
    const added = await ziping('users', 'add', '管理员甲', '--unit', '某市财政局', '--role', '管理员', '--data', dir);
    expect(added.code).toBe(0);
    const token = added.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^zpt_[\w-]{43}$/);
    const bad = await ziping('users', 'add', '乙', '--unit', '某市财政局', '--role', '科长', '--data', dir);
    expect([bad.code, bad.stderr.trim()]).toEqual([64, '错误：--role 应为 填报人、审核人 或 管理员']);

    const server = await start(dir, { ZIPING_AUTH: 'on' });
    const me = await (
      await fetch(`${server.url}/api/session`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(me.user).toMatchObject({ name: '管理员甲', role: 'admin', roleLabel: '管理员', unit: '某市财政局' });
    // The CLI refuses while the server holds the folder
    expect((await ziping('users', 'revoke', '管理员甲', '--data', dir)).code).not.toBe(0);
    await server.close();

    // The last active administrator cannot be revoked: the server would not start again
    const last = await ziping('users', 'revoke', '管理员甲', '--data', dir);
    expect([last.code, last.stderr]).toEqual([1, expect.stringContaining('不能吊销最后一个在用的管理员')]);
    expect(
      (await ziping('users', 'add', '管理员乙', '--unit', '某市财政局', '--role', '管理员', '--data', dir)).code,
    ).toBe(0);
    const revoked = await ziping('users', 'revoke', '管理员甲', '--data', dir);
    expect([revoked.code, revoked.stdout.trim()]).toEqual([
      0,
      '已吊销用户 管理员甲 的 1 个令牌，并结束其全部登录；该账户已停用，恢复用 ziping users restore。',
    ]);
    const again = await start(dir, { ZIPING_AUTH: 'on' });
    expect((await fetch(`${again.url}/api/forms`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    await again.close();
  });
});

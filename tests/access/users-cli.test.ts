/**
 * `ziping users` for a revoked user (issue #12), run as a user would: `revoke` disables the account,
 * `list` says so, `restore` enables it again (its old token stays revoked), and `password` sets a
 * new password read from stdin, which then signs in on a team server.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_LIMITS } from '../../src/core/limits.js';
import { startNodeServer } from '../../src/entry/node.js';
import { ziping } from '../support/cli.js';
import { makeTempDir, removeDir } from '../support/temp-dir.js';

const BIN = new URL('../../bin/ziping.js', import.meta.url).pathname;

/** Runs `ziping ...args` with `input` on stdin; the exit code and output. */
function zipingWithInput(input: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    const child = spawn(process.execPath, [BIN, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.on('error', () => undefined); // the command may stop reading a too-long input
    child.stdin.end(input);
  });
}

let dir = '';
let zhangToken = '';
beforeAll(async () => {
  dir = await makeTempDir('ziping-users-cli-');
  const admin = await zipingWithInput(
    'root-password-1\n',
    ...['users', 'add', 'root', '--unit', '某市财政局'],
    ...['--role', '管理员', '--password-stdin', '--data', dir],
  );
  expect(admin.code).toBe(0);
  const zhang = await ziping(
    'users',
    'add',
    '张三',
    '--unit',
    '某市财政局/某市科委',
    '--role',
    '填报人',
    '--data',
    dir,
  );
  zhangToken = zhang.stdout.trim().split('\n').at(-1)!;
});
afterAll(() => removeDir(dir));

const signIn = async (url: string, name: string, password: string) =>
  fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });

describe('ziping users for a revoked user', () => {
  it('revokes: the list says disabled, and no token is issued', async () => {
    expect((await ziping('users', 'revoke', '张三', '--data', dir)).code).toBe(0);
    const listed = (await ziping('users', 'list', '--data', dir)).stdout.trim().split('\n');
    expect(listed[0]).toBe('root\t管理员\t某市财政局\t在用');
    expect(listed[1]).toMatch(/^张三\t填报人\t某市财政局\/某市科委\t已停用（\d{4}-\d\d-\d\dT[\d:.]+Z）$/);
    const token = await ziping('users', 'token', '张三', '--data', dir);
    expect([token.code, token.stderr]).toEqual([1, expect.stringContaining('账户已停用')]);
  });

  it('restores: the list says active again', async () => {
    const restored = await ziping('users', 'restore', '张三', '--data', dir);
    expect([restored.code, restored.stdout.trim()]).toEqual([
      0,
      '已恢复用户 张三：可以再用密码登录；旧令牌仍无效，需要时用 ziping users token 另发。',
    ]);
    expect((await ziping('users', 'list', '--data', dir)).stdout).toContain('张三\t填报人\t某市财政局/某市科委\t在用');
  });

  it('sets a password read from stdin, which signs in; the token revoked before stays revoked', async () => {
    const set = await zipingWithInput('zhang-new-password\n', 'users', 'password', '张三', '--data', dir);
    expect([set.code, set.stdout.trim()]).toEqual([0, '已设置用户 张三 的登录密码。']);

    const server = await startNodeServer({
      ...{ host: '127.0.0.1', port: 0, dataDir: dir, env: { ZIPING_AUTH: 'on' } },
      ...{ handleSignals: false, log: () => undefined, webAssets: null },
    });
    try {
      expect((await signIn(server.url, '张三', 'zhang-new-password')).status).toBe(200);
      const old = await fetch(`${server.url}/api/forms`, { headers: { authorization: `Bearer ${zhangToken}` } });
      expect(old.status).toBe(401);
    } finally {
      await server.close();
    }
  });

  it.each([
    ['too short', 'short\n'],
    ['too long', `${'密'.repeat(PASSWORD_LIMITS.maxChars + 1)}\n`],
  ])('refuses a password that is %s, naming the limit', async (_, input) => {
    const result = await zipingWithInput(input, 'users', 'password', '张三', '--data', dir);
    expect([result.code, result.stderr.trim()]).toEqual([64, '错误：密码应为 8–200 个字符']);
  });

  it('stops reading a far longer input at its limit', async () => {
    const result = await zipingWithInput('x'.repeat(1_000_000), 'users', 'password', '张三', '--data', dir);
    expect([result.code, result.stderr.trim()]).toEqual([1, '错误：密码（标准输入）超过 808 字节的上限']);
  });

  it('refuses to restore or set the password of a user who does not exist', async () => {
    expect((await ziping('users', 'restore', '没有这个人', '--data', dir)).stderr).toContain('没有用户“没有这个人”');
    const set = await zipingWithInput('a-long-password\n', 'users', 'password', '没有这个人', '--data', dir);
    expect(set.stderr).toContain('没有用户“没有这个人”');
  });
});

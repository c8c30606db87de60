/**
 * Signing in on a team server in Chromium (issue #12): the page asks for name and password, the
 * signed-in user replaces the 署名 box, the page's own writes pass the CSRF check (the seed form is
 * saved under the user's name and unit), an administrator adds a user in the users panel and sees
 * the token once, revokes a user (shown as 已停用, their token dead) and restores them, and sign-out
 * ends the session.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/app/access/user-admin.js';
import { LowdbAccountRepository } from '../../src/store/lowdb-accounts.js';
import { browserTestsEnabled, launchChromium, watchPageErrors, type LaunchedBrowser } from './browser.js';
import { startTestServer, type TestServer } from './server.js';

describe.skipIf(!browserTestsEnabled())('sign-in in Chromium', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ziping-e2e-team-'));
  let server: TestServer;
  let browser: LaunchedBrowser;
  let page: Page;
  let errors: string[];
  let zhangToken = '';

  beforeAll(async () => {
    const accounts = await LowdbAccountRepository.open(dataDir);
    const at = new Date();
    await addUser(accounts, { name: 'root', unit: '某市财政局', role: 'admin', password: 'root-password-1' }, at);
    const zhang = { name: '张三', unit: '某市财政局/某市科委', role: 'filler' as const, password: 'zhang-password-1' };
    zhangToken = (await addUser(accounts, zhang, at)).token;
    await accounts.close();
    server = await startTestServer({ dataDir, env: { ZIPING_AUTH: 'on' } });
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
    errors = watchPageErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const signIn = async (name: string, password: string) => {
    await page.goto(server.pageUrl);
    await page.getByLabel('用户名').fill(name);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).last().click();
  };

  it('refuses a wrong password in the dialog, then signs in and shows the user instead of 署名', async () => {
    await signIn('张三', 'wrong-password');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('用户名或密码不对');
    await page.getByLabel('密码').fill('zhang-password-1');
    await page.getByRole('button', { name: '登录' }).last().click();
    await expect.poll(() => page.locator('.account-name').textContent()).toBe('张三（填报人 · 某市科委）');
    expect(await page.locator('#author').count()).toBe(0);
    await expect.poll(() => page.locator('main h1').textContent()).toBe('自评表');
  });

  it("saves the seed form through the page's client under the user's name and unit", async () => {
    await page.getByRole('button', { name: '载入示例（北京智源 2022）' }).click();
    await page.waitForURL(/#\/forms\/[^/]+$/);
    const id = decodeURIComponent(/#\/forms\/([^/]+)$/.exec(page.url())![1]!);
    const auth = { authorization: `Bearer ${zhangToken}` };
    const history = await (await fetch(`${server.url}/api/forms/${id}/history`, { headers: auth })).json();
    expect(history.versions[0].by).toBe('张三');
    const list = await (await fetch(`${server.url}/api/forms`, { headers: auth })).json();
    expect(list.items.map((i: { id: string; unit: string }) => [i.id, i.unit])).toEqual([[id, '某市财政局/某市科委']]);
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: '退出' }).click();
    await expect.poll(() => page.getByRole('button', { name: '登录' }).count()).toBeGreaterThan(0);
    expect(await page.locator('.account-name').count()).toBe(0);
  });

  it('lets an administrator add a user in the users panel and shows the token once', async () => {
    await page.keyboard.press('Escape');
    await signIn('root', 'root-password-1');
    await page.getByRole('button', { name: '用户管理' }).click();
    await expect.poll(() => page.locator('.users-table tbody tr').count()).toBe(2);
    await page.locator('.user-add').getByLabel('用户名').fill('李四');
    await page.locator('.user-add').getByLabel('单位路径').fill('某市财政局/某市教委');
    await page.locator('.user-add').getByLabel('角色').selectOption('审核人');
    await page.getByRole('button', { name: '新建用户' }).click();
    const token = await page.locator('.new-token').textContent();
    expect(token).toMatch(/^zpt_[\w-]{43}$/);
    const me = await (
      await fetch(`${server.url}/api/session`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(me.user).toMatchObject({ name: '李四', role: 'reviewer', unit: '某市财政局/某市教委' });
    await expect.poll(() => page.locator('.users-table tbody tr').count()).toBe(3);
  });

  it('revokes a user in the users panel, shows them as disabled, and restores them', async () => {
    const row = page.locator('.users-table tbody tr', { hasText: '张三' });
    await expect.poll(() => row.locator('td').nth(3).textContent()).toBe('在用');
    await row.getByRole('button', { name: '吊销' }).click();
    await page.getByRole('dialog', { name: '吊销用户' }).getByRole('button', { name: '吊销' }).click();
    await expect.poll(() => row.locator('td').nth(3).textContent()).toMatch(/^已停用（\d{4}-\d\d-\d\d）$/);
    const auth = { authorization: `Bearer ${zhangToken}` };
    expect((await fetch(`${server.url}/api/forms`, { headers: auth })).status).toBe(401);
    await row.getByRole('button', { name: '恢复' }).click();
    await expect.poll(() => row.locator('td').nth(3).textContent()).toBe('在用');
    expect(await row.getByRole('button', { name: '吊销' }).count()).toBe(1);
    // Restored, the old token stays revoked
    expect((await fetch(`${server.url}/api/forms`, { headers: auth })).status).toBe(401);
    // The one refused request of this run is the wrong password of the first test
    expect(errors).toEqual([
      'console: Failed to load resource: the server responded with a status of 401 (Unauthorized)',
    ]);
  });
});

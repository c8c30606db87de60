/**
 * The page when a quota refuses a draft (issue #12): the server at one draft per user per minute,
 * the second draft's 429 shown in a toast with the server's message and the reset time in the
 * browser's clock, and the cell left as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, launchChromium, watchPageErrors, type LaunchedBrowser } from './browser.js';
import { startTestServer, type TestServer } from './server.js';

describe.skipIf(!browserTestsEnabled())('quota refusal on the page (Chromium)', () => {
  let server: TestServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    // An hour's window: two drafts a second apart never fall in two windows at a minute's turn
    server = await startTestServer({ env: { ZIPING_RATE_PER_USER: '1', ZIPING_RATE_WINDOW_SECONDS: '3600' } });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows when drafting may go on again', async () => {
    const page = await (await browser.newContext()).newPage();
    const errors = watchPageErrors(page);
    await page.goto(server.pageUrl);
    await page.getByRole('button', { name: '载入示例（北京智源 2022）' }).click();
    await page.waitForURL(/#\/forms\/[^/]+$/);
    await page.getByRole('button', { name: '起草：第7行 偏差原因分析及改进措施' }).click();
    await expect
      .poll(() => page.locator('[data-narrative="indicators.6.deviation"]').getAttribute('aria-busy'))
      .toBe('false');
    expect((await page.locator('#f-indicators-6-deviation').inputValue()).length).toBeGreaterThan(10);

    await page.getByRole('button', { name: '起草：第5行 偏差原因分析及改进措施' }).click();
    const toast = page.locator('#toasts .toast.error span').last();
    await expect.poll(() => toast.textContent()).toMatch(/^起草失败：起草和对话过于频繁：每人每 3600 秒最多 1 次/);
    const text = (await toast.textContent()) ?? '';
    expect(text).toMatch(/请于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d（北京时间）后再试（本机时间 \S+ 恢复）$/);
    expect(await page.locator('#f-indicators-4-deviation').inputValue()).toBe('');
    expect(errors.filter((e) => !e.includes('429'))).toEqual([]);
  });
});

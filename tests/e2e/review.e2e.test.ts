/**
 * The review workflow in the page (issue #12), in Debian's Chromium against the real Node server:
 * submit → the form locks → review columns and 整表 marks → return (reasons required) → the unit
 * edits and resubmits → accept; the list shows each status. Every step asserts on the screen and
 * on what the API stored. Without accounts the local user may do every step (the laptop flow).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_WEIGHT, REVIEW_LIMITS } from '../../src/core/limits.js';
import { seedInput } from '../support/seed-forms.js';
import { browserTestsEnabled, launchChromium, watchPageErrors, type LaunchedBrowser } from './browser.js';
import { api } from './helpers.js';
import { startTestServer, type TestServer } from './server.js';

describe.skipIf(!browserTestsEnabled())('review workflow in Chromium', () => {
  let server: TestServer;
  let browser: LaunchedBrowser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let formId = '';

  const status = () => page.locator('section.review .review-status').textContent();
  const review = () => api(server.url, 'GET', `/api/forms/${formId}/review`);
  const projectName = () => page.getByLabel('项目名称', { exact: true });

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
    errors = watchPageErrors(page);
    const form = seedInput();
    form.project.name = '审核流程（页面）';
    formId = (await api(server.url, 'POST', '/api/forms', form)).id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a new form as 草稿 with only 提交审核, the form editable and no review columns', async () => {
    await page.goto(`${server.pageUrl}#/forms/${encodeURIComponent(formId)}`);
    await expect.poll(status).toBe('草稿');
    expect(await page.locator('.review-badge').textContent()).toBe('审核：草稿');
    expect(await page.locator('section.review [data-review]').evaluateAll((b) => b.map((x) => x.textContent))).toEqual([
      '提交审核',
    ]);
    expect(await projectName().isEnabled()).toBe(true);
    expect(await page.locator('th.review-col').count()).toBe(0);
  });

  it('submits: the form locks, review columns appear beside each row', async () => {
    await page.locator('[data-review="submit"]').click();
    await expect.poll(status).toBe('已提交');
    expect(await page.locator('.review-lock').textContent()).toContain('不能修改');
    expect(await projectName().isDisabled()).toBe(true);
    expect(await page.locator('tr.row[data-row="5"] textarea').first().isDisabled()).toBe(true);
    expect(await page.locator('th.review-col').allTextContents()).toEqual(['审核得分', '审核意见']);
    expect(await page.locator('tr.row input.review-score').count()).toBe(seedInput().indicators.length);
    expect((await review()).status).toBe('submitted');
  });

  it('limits 审核得分 and 审核意见 as the server does (core/limits.ts): a longer comment is cut as it is typed', async () => {
    for (const label of ['第6行 审核得分', '整表审核得分'])
      expect(await page.getByLabel(label).getAttribute('max')).toBe(String(MAX_WEIGHT));
    for (const label of ['第6行 审核意见', '整表审核意见']) {
      const comment = page.getByLabel(label);
      expect(await comment.getAttribute('maxlength')).toBe(String(REVIEW_LIMITS.maxCommentChars));
      await comment.focus();
      await page.keyboard.insertText('意'.repeat(REVIEW_LIMITS.maxCommentChars + 5));
      expect((await comment.inputValue()).length).toBe(REVIEW_LIMITS.maxCommentChars);
      await comment.fill('');
    }
  });

  it('saves 审核得分 and 审核意见 per row and for the form, leaving the form untouched', async () => {
    await page.getByLabel('第6行 审核得分').fill('2');
    await page.getByLabel('第6行 审核意见').fill('学者人数超出上限，偏差原因不充分');
    await page.getByLabel('整表审核得分').fill('86');
    await page.getByLabel('整表审核意见').fill('总体完成较好');
    await page.locator('[data-review="marks"]').click();
    await expect
      .poll(async () => (await review()).rows)
      .toEqual([{ index: 5, score: 2, comment: '学者人数超出上限，偏差原因不充分' }]);
    expect((await review()).overall).toEqual({ score: 86, comment: '总体完成较好' });
    expect((await api(server.url, 'GET', `/api/forms/${formId}`)).version).toBe(1);
    // The marks stay in the columns after the save
    expect(await page.getByLabel('第6行 审核得分').inputValue()).toBe('2');
  });

  it('refuses a return without reasons, then returns with them: the form opens again', async () => {
    await page.locator('[data-review="return"]').click();
    expect(await page.locator('.review-actions .field-error').textContent()).toBe('退回时必须写明理由');
    expect((await review()).status).toBe('submitted');
    await page.getByLabel('退回理由').fill('第6行偏差原因未说明超出原因\n补充资金执行说明');
    await page.locator('[data-review="return"]').click();
    await expect.poll(status).toBe('已退回');
    expect(await page.locator('.review-reasons li').allTextContents()).toEqual([
      '第6行偏差原因未说明超出原因',
      '补充资金执行说明',
    ]);
    expect(await projectName().isEnabled()).toBe(true);
    // The unit sees the reviewer's comments beside the row, as text
    expect(await page.locator('tr.row[data-row="5"] td.review-col').allTextContents()).toEqual([
      '2',
      '学者人数超出上限，偏差原因不充分',
    ]);
  });

  it('resubmits the edited form (saved first) and the reviewer accepts it', async () => {
    await projectName().fill('审核流程（页面，修改后）');
    await page.locator('[data-review="submit"]').click();
    await expect.poll(status).toBe('已提交');
    const resubmitted = await review();
    expect(resubmitted.formVersion).toBe(2);
    expect((await api(server.url, 'GET', `/api/forms/${formId}`)).form.project.name).toBe('审核流程（页面，修改后）');
    await page.locator('[data-review="accept"]').click();
    await expect.poll(status).toBe('已通过');
    expect(await page.locator('section.review [data-review="submit"], [data-review="accept"]').count()).toBe(0);
    expect(await projectName().isDisabled()).toBe(true);
    expect(await page.locator('.review-transitions li').count()).toBe(4);
  });

  it('shows the status in the list', async () => {
    await page.goto(server.pageUrl);
    const cell = page.locator(`tr[data-id="${formId}"] td.review-status`);
    await expect.poll(() => cell.textContent()).toBe('已通过');
    expect(errors).toEqual([]);
  });
});

/**
 * The web page end to end: Debian's Chromium, driven by playwright-core, against the real Node
 * server with a fresh data directory. One user's flow, step by step: create the seed form, change
 * an actual and watch the row and the total, draft a cell with the built-in drafter, revise it by
 * chat and accept the diff, save, hit a conflict from a second tab, reload with unsaved changes,
 * open the print view. Every step asserts on what is on the screen and on what the API returns.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, launchChromium, watchPageErrors, type LaunchedBrowser } from './browser.js';
import { api, rowFinal, waitForSaved } from './helpers.js';
import { startTestServer, type TestServer } from './server.js';

const SCREENSHOT = fileURLToPath(new URL('../../docs/screenshot-editor.png', import.meta.url));

describe.skipIf(!browserTestsEnabled())('web page in Chromium', () => {
  let server: TestServer;
  let browser: LaunchedBrowser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let formId = '';

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
    errors = watchPageErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('serves the page with a strict CSP, hashed assets and the right content types', async () => {
    const response = await fetch(server.pageUrl);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    const script = /src="(\/assets\/app-[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const js = await fetch(`${server.url}${script}`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await js.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it('creates the seed form from the list and shows its scores', async () => {
    await page.goto(server.pageUrl);
    await expect.poll(() => page.locator('main h1').textContent()).toBe('自评表');
    await page.getByRole('button', { name: '载入示例（北京智源 2022）' }).click();
    await page.waitForURL(/#\/forms\/[^/]+$/);
    formId = decodeURIComponent(/#\/forms\/([^/]+)$/.exec(page.url())![1]!);

    await expect.poll(() => page.getByTestId('total').textContent()).toBe('87.50');
    expect(await page.getByTestId('self-total').textContent()).toBe('89.00');
    expect(await page.getByTestId('grade').textContent()).toBe('良');
    expect(await page.locator('#f-project-name').inputValue()).toBe('北京智源人工智能研究院建设');
    expect(await rowFinal(page, 5)).toBe('1.50'); // 支持智源学者: ≤10人, actual 20人
    expect(await page.getByTestId('save-status').textContent()).toBe('第1版 · 已保存');

    const stored = await api(server.url, 'GET', `/api/forms/${formId}`);
    expect(stored.version).toBe(1);
    expect(stored.report.total).toBe(87.5);
    expect(stored.form.indicators).toHaveLength(15);

    mkdirSync(fileURLToPath(new URL('../../docs/', import.meta.url)), { recursive: true });
    // The README's picture: the indicator table, each row with its score, explanation and flags, beside the score panel.
    await page.evaluate(() => {
      document.getElementById('toasts')?.replaceChildren();
      const table = document.getElementById('indicators-title')!;
      window.scrollTo(0, table.getBoundingClientRect().top + window.scrollY - 60);
    });
    await page.screenshot({ path: SCREENSHOT });
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  it('rescores the row and the total as an actual is typed, and issue links focus the cell', async () => {
    await page.locator('#f-indicators-0-actual').fill('3个');
    await expect.poll(() => rowFinal(page, 0)).toBe('2.50');
    expect(await page.getByTestId('total').textContent()).toBe('85.00');
    const row = page.locator('tr.detail[data-row="0"]');
    expect(await row.locator('.explanation').textContent()).toContain('5.00 × 3/6 = 2.50');
    expect(await page.locator('tr.row[data-row="0"] .flags').textContent()).toContain('自评高于规则');
    expect(await page.getByTestId('save-status').textContent()).toContain('有未保存的修改');

    // Another rule profile rescores the whole form at once.
    await page.getByLabel('规则口径').selectOption('guangxi');
    await expect.poll(() => page.getByTestId('total').textContent()).toBe('83.50');
    expect(await page.locator('.profile-name').textContent()).toBe('广西口径');
    await page.getByLabel('规则口径').selectOption('mof-2020');
    await expect.poll(() => page.getByTestId('total').textContent()).toBe('85.00');

    const link = page.locator('.issues a', { hasText: '第1行 得分' });
    await link.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-indicators-0-score');

    // A number in a text that the form does not have is highlighted in the text.
    const deviation = page.locator('#f-indicators-0-deviation');
    await deviation.fill('实际完成3个，未达到指标值，另有999台设备未到货。');
    const marks = page.locator('[data-narrative="indicators.0.deviation"] mark.unknown-number');
    await expect.poll(() => marks.allTextContents()).toEqual(['999台']);
    expect(await page.locator('[data-narrative="indicators.0.deviation"] .findings').textContent()).toContain('999台');
    await deviation.fill('');
    await expect.poll(() => marks.count()).toBe(0);

    // A number that is not a number is an error on its cell, and the form still scores.
    await page.locator('#f-indicators-1-weight').fill('五');
    await expect.poll(() => page.locator('#f-indicators-1-weight').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.issues').textContent()).toContain('第2行 分值应为数字');
    await page.locator('#f-indicators-1-weight').fill('5');
    await expect.poll(() => page.getByTestId('total').textContent()).toBe('85.00');
  });

  it('adds, moves and removes indicator rows with the keyboard-reachable buttons', async () => {
    await page.getByRole('button', { name: '在第15行下方插入一行' }).click();
    await expect.poll(() => page.locator('tr.row').count()).toBe(16);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-indicators-15-name');
    await page.keyboard.type('新增指标');
    await page.getByRole('button', { name: '上移第16行' }).click();
    expect(await page.locator('#f-indicators-14-name').inputValue()).toBe('新增指标');
    expect(await page.locator('#f-indicators-15-name').inputValue()).toBe('研究院对市科委服务满意程度');
    await page.getByRole('button', { name: '删除第15行' }).click();
    await expect.poll(() => page.locator('tr.row').count()).toBe(15);
    expect(await page.locator('#f-indicators-14-name').inputValue()).toBe('研究院对市科委服务满意程度');
    expect(await page.getByTestId('total').textContent()).toBe('85.00');
  });

  it('drafts a cell with the built-in drafter, streaming into the cell', async () => {
    const cell = page.locator('#f-indicators-6-deviation');
    expect(await cell.inputValue()).toBe('');
    await page.getByRole('button', { name: '起草：第7行 偏差原因分析及改进措施' }).click();
    await expect
      .poll(() => page.locator('[data-narrative="indicators.6.deviation"]').getAttribute('aria-busy'))
      .toBe('false');
    const text = await cell.inputValue();
    expect(text.length).toBeGreaterThan(10);
    expect(text).toContain('4项');
    const meta = page.locator('[data-narrative="indicators.6.deviation"] .narrative-meta');
    expect(await meta.textContent()).toMatch(/\d+\/200字/);
    expect(await meta.locator('.origin-badge').textContent()).toBe('内置起草');
    // The built-in drafter leaves the cause to the user as a placeholder, which stands out.
    expect(
      await page.locator('[data-narrative="indicators.6.deviation"] mark.placeholder').first().textContent(),
    ).toMatch(/^〔待补充/);
    expect(
      await page.getByRole('button', { name: '撤销起草，恢复原文：第7行 偏差原因分析及改进措施' }).isVisible(),
    ).toBe(true);
  });

  it('revises the cell by chat and applies the accepted diff', async () => {
    const cell = page.locator('#f-indicators-6-deviation');
    const before = await cell.inputValue();
    await page.getByRole('button', { name: '对话修改：第7行 偏差原因分析及改进措施' }).click();
    const dialog = page.getByRole('dialog', { name: '对话修改：第7行 偏差原因分析及改进措施' });
    expect(await dialog.getByTestId('chat-current').textContent()).toBe(before);
    await dialog.getByRole('button', { name: '精简' }).click();
    const accept = dialog.getByRole('button', { name: '采纳' });
    await accept.waitFor();
    expect(await dialog.locator('figure.diff figcaption').textContent()).toContain('与当前文本相比');
    // The proposal is the current text minus what the diff deletes plus what it inserts.
    const proposal = await dialog.locator('figure.diff .diff-text').evaluate((el) =>
      [...el.childNodes]
        .filter((n) => n.nodeName !== 'DEL')
        .map((n) => n.textContent)
        .join(''),
    );
    await accept.click();
    expect(await dialog.locator('.proposal-status').last().textContent()).toContain('已采纳');
    expect(await cell.inputValue()).toBe(proposal);
    expect(await dialog.getByTestId('chat-current').textContent()).toBe(proposal);
    await dialog.getByRole('button', { name: '关闭' }).click();
  });

  it('refuses to save a form the schema rejects, naming the field (the schema check loads on demand under the CSP)', async () => {
    const name = page.locator('#f-project-name');
    const before = await name.inputValue();
    await name.fill('');
    await page.evaluate(() => document.getElementById('toasts')?.replaceChildren());
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.locator('#toasts').textContent()).toMatch(/还有 1 处填写错误.*项目名称.*不能为空/);
    expect((await api(server.url, 'GET', `/api/forms/${formId}`)).version).toBe(1);
    await name.fill(before);
  });

  it('saves with Ctrl+S and the API returns the new version', async () => {
    await page.locator('#f-project-manager').focus();
    await page.keyboard.press('Control+s');
    await waitForSaved(page, 2);
    const stored = await api(server.url, 'GET', `/api/forms/${formId}`);
    expect(stored.version).toBe(2);
    expect(stored.form.indicators[0].actual).toBe('3个');
    expect(stored.report.total).toBe(85);
    expect(stored.form.indicators[6].deviation).toBe(await page.locator('#f-indicators-6-deviation').inputValue());
    expect(stored.narratives['indicators.6.deviation'].origin.kind).toBe('builtin');
  });

  it('shows the history of the form and of a cell with diffs, and restores an earlier text', async () => {
    const cell = page.locator('#f-indicators-1-deviation');
    const original = await cell.inputValue();
    expect(original).toContain('预设值相对保守');
    await cell.fill('数据集超额完成，原因是年初对数据清洗进度估计保守。后续将按季度复核指标值。');
    await page.keyboard.press('Control+s');
    await waitForSaved(page, 3);

    await page.getByRole('button', { name: '文本历史：第2行 偏差原因分析及改进措施' }).click();
    const dialog = page.getByRole('dialog', { name: '文本历史：第2行 偏差原因分析及改进措施' });
    const entries = dialog.locator('li.cell-version');
    await expect.poll(() => entries.count()).toBe(2);
    expect(await entries.first().locator('h3').textContent()).toMatch(/^第3版 .* 人工填写$/);
    expect(await entries.first().locator('del').count()).toBeGreaterThan(0); // the diff against the first text
    await entries.nth(1).getByRole('button', { name: '恢复此文本' }).click();
    expect(await cell.inputValue()).toBe(original);
    expect(await page.getByTestId('save-status').textContent()).toContain('有未保存的修改');
    await page.keyboard.press('Control+s');
    await waitForSaved(page, 4);
    const stored = await api(server.url, 'GET', `/api/forms/${formId}/narratives/indicators.1.deviation/history`);
    expect(stored.entries.map((e: { version: number; text: string }) => e.text)).toEqual([
      original,
      expect.stringContaining('数据集超额完成'),
      original,
    ]);

    await page.getByRole('button', { name: '历史', exact: true }).click();
    const history = page.getByRole('dialog', { name: '表单历史' });
    await history.getByRole('button', { name: '第2版' }).click();
    const detail = history.locator('.version-detail');
    await expect.poll(() => detail.locator('li', { hasText: '第1行 实际完成值' }).count()).toBe(1);
    const change = detail.locator('li', { hasText: '第1行 实际完成值' });
    expect(await change.locator('del').textContent()).toBe('6个');
    expect(await change.locator('ins').textContent()).toBe('3个');
    await history.getByRole('button', { name: '关闭' }).click();
  });

  it('marks a saved text stale when the numbers of its row change', async () => {
    const narrative = page.locator('[data-narrative="indicators.1.deviation"]');
    expect(await narrative.locator('.stale-badge').isVisible()).toBe(false);
    await page.locator('#f-indicators-1-actual').fill('12个');
    await expect.poll(() => narrative.locator('.stale-badge').isVisible()).toBe(true);
    expect(await narrative.locator('.stale-badge').textContent()).toBe('数字已变，需复核');
    await page.keyboard.press('Control+s');
    await waitForSaved(page, 5);
    const stored = await api(server.url, 'GET', `/api/forms/${formId}`);
    expect(stored.narratives['indicators.1.deviation'].stale).toBe(true);
    expect(await narrative.locator('.stale-badge').isVisible()).toBe(true);
  });

  it('explains a conflict with a save from a second tab and merges both without losing typing', async () => {
    const other = await context.newPage();
    const otherErrors = watchPageErrors(other);
    await other.goto(`${server.pageUrl}#/forms/${encodeURIComponent(formId)}`);
    await expect.poll(() => other.getByTestId('save-status').textContent()).toBe('第5版 · 已保存');
    await other.locator('#f-project-phone').fill('010-11112222');
    await other.locator('#f-project-implementer').fill('北京智源人工智能研究院');
    await other.keyboard.press('Control+s');
    await waitForSaved(other, 6);

    // Meanwhile in the first tab: one field nobody else touched, one field both changed.
    await page.locator('#f-project-manager').fill('王五');
    await page.locator('#f-project-phone').fill('010-99998888');
    await page.keyboard.press('Control+s');
    const dialog = page.getByRole('dialog', { name: '别人已保存了新版本' });
    await dialog.waitFor();
    const text = await dialog.textContent();
    expect(text).toContain('保存了第 6 版');
    expect(text).toContain('实施单位'); // their change, merged
    const conflict = dialog.locator('fieldset', { hasText: '联系电话' });
    expect(await conflict.textContent()).toContain('010-99998888');
    expect(await conflict.textContent()).toContain('010-11112222');
    await conflict.getByLabel(/采用.*010-11112222/).check();
    await dialog.getByRole('button', { name: '合并后保存' }).click();
    await waitForSaved(page, 7);

    expect(await page.locator('#f-project-implementer').inputValue()).toBe('北京智源人工智能研究院');
    const stored = await api(server.url, 'GET', `/api/forms/${formId}`);
    expect(stored.version).toBe(7);
    expect(stored.form.project.manager).toBe('王五');
    expect(stored.form.project.phone).toBe('010-11112222');
    expect(stored.form.project.implementer).toBe('北京智源人工智能研究院');
    expect(stored.form.indicators[0].actual).toBe('3个');
    expect(otherErrors).toEqual([]);
    await other.close();
  });

  it('keeps unsaved changes across a reload', async () => {
    await page.locator('#f-goals-expected').fill('重新加载后仍在的预期目标');
    await expect
      .poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ziping:unsaved:')).length))
      .toBe(1);
    await page.reload();
    await expect.poll(() => page.locator('#f-goals-expected').inputValue()).toBe('重新加载后仍在的预期目标');
    expect(await page.locator('.notices').textContent()).toContain('已恢复本窗口未保存的修改');
    expect(await page.getByTestId('save-status').textContent()).toContain('有未保存的修改');
    const stored = await api(server.url, 'GET', `/api/forms/${formId}`);
    expect(stored.form.goals.expected).not.toBe('重新加载后仍在的预期目标');
  });

  it('prints in the official layout with Markdown rendered and user HTML inert', async () => {
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs += 1;
      void d.dismiss();
    });
    const hostile =
      '**偏差原因**：设备到货延迟。\n\n- 加强采购计划\n- 按月调度\n\n<img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=2</script>';
    await page.locator('#f-indicators-1-deviation').fill(hostile);
    // In the editor the text is only a textarea value: nothing rendered.
    expect(await page.locator('main img').count()).toBe(0);
    await page.getByRole('link', { name: '打印预览' }).click();
    await page.waitForURL(/\/print$/);
    const sheet = page.locator('article.sheet');
    await sheet.waitFor();
    expect(await sheet.locator('h1').textContent()).toBe('项目支出绩效自评表');
    expect(await sheet.locator('.sheet-year').textContent()).toBe('（2022年度）');
    const headers = await sheet.locator('.indicators-print thead th').allTextContents();
    expect(headers).toEqual([
      '一级指标',
      '二级指标',
      '三级指标',
      '年度指标值',
      '实际完成值',
      '分值',
      '得分',
      '偏差原因分析及改进措施',
    ]);
    expect(await sheet.locator('.indicators-print tbody tr:not(.sum-row)').count()).toBe(15);
    expect(await sheet.locator('.indicators-print tr.sum-row').textContent()).toMatch(/^总分100\d+\.\d{2}$/);
    const cell = sheet.locator('td[data-path="indicators.1.deviation"]');
    expect(await cell.locator('strong').textContent()).toBe('偏差原因');
    expect(await cell.locator('li').allTextContents()).toEqual(['加强采购计划', '按月调度']);
    expect(await sheet.locator('img, script, [onerror]').count()).toBe(0);
    expect(await cell.textContent()).toContain('<img src=x onerror='); // printed as typed, as text
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toBe(0);
    expect(await page.locator('.print-warnings').textContent()).toContain('尚未保存的修改');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.appbar').isVisible()).toBe(false);
    expect(await page.locator('.print-toolbar').isVisible()).toBe(false);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThanOrEqual(8);
    // A4 landscape: 842 × 595 points.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox\s*\[\s*0\s+0\s+841\.\d+\s+59[45]\.\d+\s*\]/);
    await page.emulateMedia({ media: 'screen' });
  });

  it('labels every input, tabs in form order, and stays usable at 200% zoom', async () => {
    await page.goto(`${server.pageUrl}#/forms/${encodeURIComponent(formId)}`);
    await page.locator('#f-project-name').waitFor();
    const unlabeled = await page.evaluate(() =>
      [...document.querySelectorAll('input, textarea, select')]
        .filter((el) => (el as HTMLInputElement).type !== 'hidden' && (el as HTMLInputElement).type !== 'file')
        .filter((el) => ((el as HTMLInputElement).labels?.length ?? 0) === 0 && !el.getAttribute('aria-label'))
        .map((el) => el.id || el.outerHTML.slice(0, 60)),
    );
    expect(unlabeled).toEqual([]);

    await page.locator('#f-project-name').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-project-department');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-project-implementer');

    // 200% zoom of a 1280×800 window is a 640×400 CSS viewport: one column, nothing wider than the page.
    const zoomed = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    const small = await zoomed.newPage();
    await small.goto(`${server.pageUrl}#/forms/${encodeURIComponent(formId)}`);
    await small.locator('#f-indicators-0-actual').waitFor();
    const overflow = await small.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await small.locator('label[for="f-indicators-0-actual"]').isVisible()).toBe(true);
    await small.locator('#f-indicators-0-actual').fill('6个');
    await expect.poll(() => small.getByTestId('total').textContent()).toBe('87.50');
    await zoomed.close();
  });

  it('deletes a form from the list after confirmation', async () => {
    await page.goto(server.pageUrl);
    const row = page.locator(`tr[data-id="${formId}"]`);
    await row.waitFor();
    expect(await row.locator('td').nth(3).textContent()).toBe('85.00');
    await page.getByLabel('搜索').fill('智源');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await row.getByRole('button', { name: /删除/ }).click();
    await page.getByRole('dialog', { name: '删除自评表' }).getByRole('button', { name: '删除' }).click();
    await expect.poll(() => page.locator(`tr[data-id="${formId}"]`).count()).toBe(0);
    const response = await fetch(`${server.url}/api/forms/${formId}`);
    expect(response.status).toBe(404);
  });

  it('ran without page errors or CSP violations', () => {
    // The 409 of the conflict step is the one failed request the flow expects.
    expect(errors.filter((e) => !e.includes('status of 409'))).toEqual([]);
  });
});

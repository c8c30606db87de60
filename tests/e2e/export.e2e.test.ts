/**
 * The editor's 导出 buttons and the print view's 总分 in Chromium against the real server: click,
 * the download arrives with its Chinese name, unzip it and read the cells; unsaved changes are
 * saved before the download; a form with funding 9.00 and rows 9.50 + 10.00 prints 总分 28.50.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocxXml, readSheetXml } from '../support/ooxml.js';
import { seedInput } from '../support/seed-forms.js';
import { browserTestsEnabled, launchChromium, watchPageErrors, type LaunchedBrowser } from './browser.js';
import { api, waitForSaved } from './helpers.js';
import { startTestServer, type TestServer } from './server.js';

describe.skipIf(!browserTestsEnabled())('export from the page in Chromium', () => {
  let server: TestServer;
  let browser: LaunchedBrowser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

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

  const download = async (name: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
    return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync((await file.path())!)) };
  };

  it('导出 Excel downloads the saved form in the official layout', async () => {
    const created = await api(server.url, 'POST', '/api/forms', seedInput());
    await page.goto(`${server.pageUrl}#/forms/${encodeURIComponent(created.id)}`);
    await waitForSaved(page, 1);
    const file = await download('导出 Excel');
    expect(file.name).toBe('2022年度北京智源人工智能研究院建设绩效自评表.xlsx');
    const sheet = readSheetXml(file.bytes);
    expect(sheet.cells.get('C3')?.value).toBe('北京智源人工智能研究院建设');
    expect(sheet.cells.get('D19')?.value).toBe('支持智源学者');
    expect(sheet.cells.get('I29')?.value).toBe(89);
    expect(errors).toEqual([]);
  });

  it('导出 Word saves unsaved changes first, then downloads them with the 自评报告', async () => {
    await page.locator('#f-project-name').fill('北京智源人工智能研究院建设（二期）');
    expect(await page.getByTestId('save-status').textContent()).toContain('有未保存的修改');
    const file = await download('导出 Word');
    await waitForSaved(page, 2);
    expect(file.name).toBe('2022年度北京智源人工智能研究院建设（二期）绩效自评表及自评报告.docx');
    const doc = readDocxXml(file.bytes);
    expect(doc.tables[0]![0]).toEqual(['项目名称', '北京智源人工智能研究院建设（二期）']);
    expect(doc.paragraphs).toContain('北京智源人工智能研究院建设（二期）2022年度项目支出绩效自评报告');
    expect(errors).toEqual([]);
  });

  it('the print view counts the 预算执行率 score in 总分: 9.00 + 9.50 + 10.00 = 28.50', async () => {
    const form = {
      year: 2022,
      project: { name: '执行率测试项目' },
      funding: { unit: '万元', weight: 10, total: { initial: 100, annual: 100, executed: 90, score: null } },
      indicators: [
        {
          level1: '产出指标',
          level2: '数量指标',
          name: '培训人次',
          target: '≥10个',
          actual: '9.5个',
          weight: 10,
          score: 9.5,
        },
        {
          level1: '产出指标',
          level2: '数量指标',
          name: '举办会议',
          target: '≥1次',
          actual: '1次',
          weight: 10,
          score: 10,
        },
      ],
    };
    const created = await api(server.url, 'POST', '/api/forms', form);
    expect(created.report.selfTotal).toBe(28.5);
    await page.goto(`${server.pageUrl}#/forms/${encodeURIComponent(created.id)}/print`);
    const sum = page.locator('article.sheet .indicators-print tr.sum-row');
    await sum.waitFor();
    expect(await sum.textContent()).toBe('总分3028.50');
    const xlsx = readSheetXml(
      new Uint8Array(await (await fetch(`${server.url}/api/forms/${created.id}/export.xlsx`)).arrayBuffer()),
    );
    expect(xlsx.cells.get('I16')?.value).toBe(28.5);
  });
});

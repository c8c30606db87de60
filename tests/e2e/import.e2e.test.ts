/**
 * The import flow in Chromium: choose an .xlsx or paste text → the page shows the import report
 * beside the form and scores it live → nothing is stored until 保存. 新建空白表 stores nothing
 * until saved either.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkbook } from '../import/build-workbook.js';
import { browserTestsEnabled, launchChromium, watchPageErrors, type LaunchedBrowser } from './browser.js';
import { api, rowFinal } from './helpers.js';
import { startTestServer, type TestServer } from './server.js';

const SEED_TEXT = readFileSync(new URL('../../../shared/seed/baai-2022.txt', import.meta.url), 'utf8');

describe.skipIf(!browserTestsEnabled())('import in Chromium', () => {
  let server: TestServer;
  let browser: LaunchedBrowser;
  let page: Page;
  let errors: string[];
  const stored = async () => (await api(server.url, 'GET', '/api/forms')).items.length as number;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
    errors = watchPageErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('新建空白表 opens an unsaved form; nothing is stored until 保存', async () => {
    await page.goto(server.pageUrl);
    await page.getByRole('button', { name: '新建空白表' }).click();
    await page.waitForURL(/#\/new$/);
    await expect.poll(() => page.getByTestId('save-status').textContent()).toBe('尚未保存');
    expect(await stored()).toBe(0);
    await page.getByRole('button', { name: '放弃' }).click();
    await page.waitForURL(/#\/$/);
    expect(await stored()).toBe(0);
  });

  it('pasted text: shows the report beside the form, scores it live, stores on 保存', async () => {
    await page.getByRole('button', { name: '粘贴文本导入' }).click();
    await page.getByTestId('import-text').fill(SEED_TEXT);
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.waitForURL(/#\/new$/);
    await expect.poll(() => page.getByTestId('import-report').isVisible()).toBe(true);
    expect(await page.getByTestId('import-report').textContent()).toMatch(/来源：粘贴的文本.*读取 \d+ 项/);
    expect(await page.locator('#f-project-name').inputValue()).toBe('北京智源人工智能研究院建设');
    await expect.poll(() => page.getByTestId('total').textContent()).toBe('87.50');
    expect(await rowFinal(page, 5)).toBe('1.50');
    expect(await stored()).toBe(0);
    // live scoring before anything is stored
    await page.locator('#f-indicators-0-actual').fill('3个');
    await expect.poll(() => page.getByTestId('total').textContent()).toBe('85.00');
    expect(await stored()).toBe(0);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForURL(/#\/forms\/[^/]+$/);
    const id = decodeURIComponent(/#\/forms\/([^/]+)$/.exec(page.url())![1]!);
    const saved = await api(server.url, 'GET', `/api/forms/${id}`);
    expect(saved.form.indicators[0].actual).toBe('3个');
    expect(saved.report.total).toBe(85);
    expect(await stored()).toBe(1);
  });

  it('an .xlsx file: the report lists what was inferred; a refused file says why', async () => {
    // A fresh load of the list: the editor opened by the last save may still be loading (see app.ts route())
    await page.goto(`${server.pageUrl}#/`);
    await page.reload();
    const file = join(tmpdir(), `ziping-import-${process.pid}.xlsx`);
    writeFileSync(
      file,
      await buildWorkbook([
        {
          name: '自评表',
          rows: [
            ['项目支出绩效自评表（2023年度）'],
            ['项目名称', '培训项目'],
            ['项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
            ['年度资金总额', 100, 100, 90, 10, '90%', 9],
            ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
            ['产出指标', '数量指标', '培训人次', '≥100人次', '120人次', 80, 80],
            ['满意度指标', '服务对象满意度指标', '满意度', '≥90%', 0.95, 10, 10],
          ],
        },
      ]),
    );
    await page.getByTestId('import-file').setInputFiles(file);
    await page.waitForURL(/#\/new$/);
    await expect.poll(() => page.locator('#f-project-name').inputValue()).toBe('培训项目');
    expect(await page.getByTestId('import-inferred').textContent()).toMatch(/indicators\.1\.actual = 95%/);
    await expect.poll(() => page.getByTestId('total').textContent()).toBe('99.00');
    expect(await stored()).toBe(1);

    await page.goto(`${server.pageUrl}#/`);
    const xls = join(tmpdir(), `ziping-import-${process.pid}.xls`);
    writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    await page.getByTestId('import-file').setInputFiles(xls);
    await expect.poll(() => page.locator('#toasts').textContent()).toMatch(/导入失败.*另存为” \.xlsx/);
  });

  it('ran without page errors or CSP violations', () => {
    // The refused .xls answers 415 on purpose; Chromium logs every failed request
    expect(errors.filter((e) => !/status of 415/.test(e))).toEqual([]);
    expect(errors).toHaveLength(1);
  });
});

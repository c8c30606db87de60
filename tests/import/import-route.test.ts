/**
 * `POST /api/import` on a real server over loopback: a workbook body, a text body, multipart with
 * a file or pasted text; it stores nothing; refusals keep the one error shape.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, startTestServer, type TestServer } from '../support/server.js';
import { buildWorkbook } from './build-workbook.js';
import { SHARED } from './transcriptions.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

const seedText = readFileSync(new URL('seed/baai-2022.txt', SHARED), 'utf8');

async function workbook(): Promise<Uint8Array<ArrayBuffer>> {
  return buildWorkbook([
    {
      name: '自评表',
      rows: [
        ['项目支出绩效自评表（2023年度）'],
        ['项目名称', '测试项目'],
        ['项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
        ['年度资金总额', 100, 100, 90, 10, { percent: 0.9 }, 9],
        ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
        ['产出指标', '数量指标', '培训人次', '≥100人次', '120人次', 50, 50],
      ],
    },
  ]);
}

describe('POST /api/import', () => {
  it('imports a workbook sent as the body and stores nothing', async () => {
    const res = await server.request('/api/import', {
      method: 'POST',
      headers: { 'content-type': XLSX },
      body: await workbook(),
    });
    expect(res.status).toBe(200);
    const body = await jsonOf(res);
    expect(body.form).toMatchObject({
      year: 2023,
      project: { name: '测试项目' },
      funding: { total: { annual: 100, executed: 90, score: 9 } },
    });
    expect(body.form.indicators).toEqual([
      expect.objectContaining({ name: '培训人次', target: '≥100人次', actual: '120人次', weight: 50 }),
    ]);
    expect(body.report).toMatchObject({ source: 'xlsx', sheet: '自评表' });
    expect((await jsonOf(await server.request('/api/forms'))).items ?? []).toEqual([]);
  });

  it('imports text sent as text/plain', async () => {
    const res = await server.request('/api/import', {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: seedText,
    });
    const body = await jsonOf(res);
    expect(res.status).toBe(200);
    expect(body.form.indicators).toHaveLength(15);
    expect(body.report.source).toBe('text');
  });

  it('imports multipart with a file, or with pasted text', async () => {
    const withFile = new FormData();
    withFile.set('file', new Blob([await workbook()], { type: XLSX }), '自评表.xlsx');
    const a = await jsonOf(await server.request('/api/import', { method: 'POST', body: withFile }));
    expect(a.form.project.name).toBe('测试项目');
    const withText = new FormData();
    withText.set('text', seedText);
    const b = await jsonOf(await server.request('/api/import', { method: 'POST', body: withText }));
    expect(b.form.project.name).toBe('北京智源人工智能研究院建设');
  });

  it.each([
    [
      'an .xls',
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      'application/vnd.ms-excel',
      415,
      'unsupported_media_type',
    ],
    [
      'an .xls sent as octet-stream',
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      'application/octet-stream',
      415,
      'legacy_xls',
    ],
    ['text that is no form', new TextEncoder().encode('你好'), 'text/plain', 422, 'import_unreadable'],
  ])('refuses %s with the error shape', async (_name, bytes, type, status, code) => {
    const res = await server.request('/api/import', { method: 'POST', headers: { 'content-type': type }, body: bytes });
    expect(res.status).toBe(status);
    expect((await jsonOf(res)).error.code).toBe(code);
  });
});

/**
 * Model help for text import: what the built-in parser leaves unread is sent to a configured
 * model (the loopback OpenAI-protocol server); rows it answers are checked against the schema
 * and the source text, and marked `by: 'model'`. Without a model nothing changes.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTextModel } from '../../src/drafting/text-model.js';
import { importText, importTextAssisted } from '../../src/io/import/index.js';
import { numbersNotIn } from '../../src/io/import/model-assist.js';
import type { Indicator } from '../../src/core/schema/form.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { jsonOf, startTestServer } from '../support/server.js';
import { SHARED } from './transcriptions.js';

const HEAD =
  '项目支出绩效自评表(2023年度)项目名称乡村道路养护主管部门县交通运输局实施单位县公路事务中心' +
  '项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分年度资金总额:1001009010.0090.00%9.00' +
  '年度总体目标预期目标实际完成情况养护农村公路120公里。养护农村公路120公里。' +
  '绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施' +
  '产出指标数量指标养护里程≥120公里118公里2019.67质量指标';
// A glued row whose digits cut several ways (≥12|11|20|5 or ≥121|1|20|5…): the parser leaves it unread
const TEXT = `${HEAD}检测次数≥1211205总分10097.67`;
// Cut in order, its numbers read 得分 20 above 分值 5 (≥12|11|5|20): the scorer's rule refuses that
const ABOVE_WEIGHT = `${HEAD}检测次数≥1211520总分10097.67`;

const row = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    indicators: [
      {
        from: 0,
        level1: '产出指标',
        level2: '质量指标',
        name: '检测次数',
        target: '≥12次',
        actual: '11次',
        weight: 20,
        score: 5,
        deviation: null,
        ...extra,
      },
    ],
  });

let openai: OpenAIServer;
beforeAll(async () => {
  openai = await startOpenAIServer();
});
afterAll(async () => {
  await openai.close();
});

const model = () => createTextModel({ model: 'test-model', baseURL: openai.baseURL, maxRetries: 0 });

describe('model help for text import', () => {
  it('without a model the unread row stays unread', async () => {
    const plain = importText(TEXT);
    expect(plain.report.unread.map((u) => u.text)).toEqual([expect.stringContaining('检测次数≥1211205')]);
    expect(await importTextAssisted(TEXT, {})).toEqual(plain);
  });

  it('adds a row whose every number is in the source, each field marked as placed by the model', async () => {
    openai.enqueue({ text: `\`\`\`json\n${row()}\n\`\`\`` });
    const { form, report } = await importTextAssisted(TEXT, { model: model() });
    expect(form.indicators.map((r) => [r.name, r.target, r.actual, r.weight, r.score])).toEqual([
      ['养护里程', '≥120公里', '118公里', 20, 19.67],
      ['检测次数', '≥12次', '11次', 20, 5],
    ]);
    expect(report.inferred.filter((e) => e.by === 'model').map((e) => [e.path, e.value])).toEqual([
      ['indicators.1.level1', '产出指标'],
      ['indicators.1.level2', '质量指标'],
      ['indicators.1.name', '检测次数'],
      ['indicators.1.target', '≥12次'],
      ['indicators.1.actual', '11次'],
      ['indicators.1.weight', 20],
      ['indicators.1.score', 5],
    ]);
    expect(report.unread).toEqual([]);
    expect(report.assist).toEqual({ model: 'test-model', placed: 1, rejected: 0, message: null });
    const sent = openai.requests.at(-1)!.body!.messages[0]!.content;
    expect(sent).toContain('[0] 检测次数≥1211205');
  });

  it.each([
    ['an invented 30', TEXT, { weight: 30 }, '第1行“检测次数”的数字30不在原文中，或与前面的数字先后不合原文'],
    // 21 is in the run only across the cut between 12 and 11: digits of two cells
    ['a 21 made of two cells’ digits', TEXT, { actual: '21次' }, '第1行“检测次数”的数字21不在原文中'],
    ['numbers out of the columns’ order', TEXT, { weight: 5, score: 20 }, '第1行“检测次数”的数字20不在原文中'],
    [
      '得分 above 分值',
      ABOVE_WEIGHT,
      { weight: 5, score: 20 },
      '已拒绝：第1行“检测次数”的得分（score）：自评得分20分超过分值5分',
    ],
  ])('refuses a row with %s', async (_, text, extra, message) => {
    openai.enqueue({ text: row(extra) });
    const { form, report } = await importTextAssisted(text, { model: model() });
    expect(form.indicators.map((r) => r.name)).toEqual(['养护里程']);
    expect(report.unread.map((u) => u.text)).toEqual([expect.stringContaining('检测次数≥1211')]);
    expect(report.assist).toMatchObject({ placed: 0, rejected: 1 });
    expect(report.assist?.message).toContain(message);
    expect(report.inferred.some((e) => e.by === 'model')).toBe(false);
  });

  it('keeps the built-in import when the answer is broken JSON or the model fails', async () => {
    openai.enqueue({ text: '好的，结果如下：{"indicators": [{"from": 0, "name": "检测次数",' });
    const broken = await importTextAssisted(TEXT, { model: model() });
    expect(broken.form).toEqual(importText(TEXT).form);
    expect(broken.report.assist?.message).toBe('模型的回答不是所要求的 JSON，未采用任何内容');
    openai.enqueue({ status: 500, errorMessage: 'upstream down' });
    const failed = await importTextAssisted(TEXT, { model: model() });
    expect(failed.form).toEqual(importText(TEXT).form);
    expect(failed.report.assist?.message).toMatch(/^模型未能协助读取/);
  });

  it('POST /api/import asks the model the server is configured with', async () => {
    const server = await startTestServer({
      env: { ZIPING_MODEL: 'served-model', OPENAI_BASE_URL: openai.baseURL, ZIPING_MODEL_RETRIES: '0' },
    });
    try {
      openai.enqueue({ text: row() });
      const res = await server.request('/api/import', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: TEXT,
      });
      expect(res.status).toBe(200);
      const body = await jsonOf(res);
      expect(body.form.indicators.map((r: Indicator) => [r.name, r.target, r.actual, r.weight, r.score])).toEqual([
        ['养护里程', '≥120公里', '118公里', 20, 19.67],
        ['检测次数', '≥12次', '11次', 20, 5],
      ]);
      expect(body.report.assist).toEqual({ model: 'served-model', placed: 1, rejected: 0, message: null });
    } finally {
      await server.stop();
    }
  });
});

// Fixture 03 (衔接资金 layout: 三级指标 分值 年度指标值 全年实际值 得分) as published, its cells run together
const FIXTURE_03 = readFileSync(new URL('fixtures/forms/03_raw.txt', SHARED), 'utf8');
const XIANJIE = ['name', 'weight', 'target', 'actual', 'score'] as const;
const indicator = (name: string, target: string, actual: string, weight: number, score: number, deviation = null) =>
  ({ level1: '产出指标', level2: '数量指标', name, target, actual, weight, score, deviation }) as Indicator;

describe('numbersNotIn: a row’s numbers cut the source in its columns’ order', () => {
  it.each([
    ['项目计划总投资1020万元20万元10', XIANJIE, indicator('项目计划总投资', '20万元', '20万元', 10, 10), []],
    // In the standard order the 分值 10 is read at the end of the run, and the 得分 has nothing left
    ['项目计划总投资1020万元20万元10', undefined, indicator('项目计划总投资', '20万元', '20万元', 10, 10), ['10']],
    // 102 is the 分值 and the 指标值 run together: taken, it leaves one 20 for two cells
    ['项目计划总投资1020万元20万元10', XIANJIE, indicator('项目计划总投资', '20万元', '20万元', 102, 10), ['20']],
    ['安装坡面水标尺10≥266米≥266米10', XIANJIE, indicator('安装坡面水标尺', '≥266米', '≥266米', 10, 10), []],
    ['安装坡面水标尺10≥266米≥266米10', XIANJIE, indicator('安装坡面水标尺', '≥266米', '≥2666米', 10, 10), ['2666']],
    ['水标尺宽度10≥50厘米≥50厘米10', XIANJIE, indicator('水标尺宽度', '≥50厘米', '≥50厘米', 10, 10), []],
    ['水标尺宽度10≥50厘米≥50厘米10', XIANJIE, indicator('水标尺宽度', '≥50厘米', '≥50厘米', 10, 1010), ['1010']],
  ] as const)('%s in the columns %j', (source, columns, row, missing) => {
    expect(FIXTURE_03).toContain(source);
    expect(numbersNotIn(row, source, columns)).toEqual(missing);
  });

  it.each([
    [indicator('检测次数', '≥12次', '11次', 5, 20), []],
    [indicator('检测次数', '≥12次', '11次', 52, 0), []],
    // digits of two cells, or a cell read twice: each is in the run, but not as a cut of it
    [indicator('检测次数', '≥12次', '21次', 5, 20), ['21']],
    [indicator('检测次数', '≥12次', '12次', 5, 20), ['12']],
    [indicator('检测次数', '≥12次', '11次', 20, 5), ['5']],
  ] as const)('检测次数≥1211520 as row %#', (row, missing) => {
    expect(numbersNotIn(row, '检测次数≥1211520')).toEqual(missing);
  });
});

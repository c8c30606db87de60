/**
 * Text whose cells ran together (fixture 03 is one such page): labels, funding numbers, indicator
 * rows and the 总分 row are cut by the columns' rules, each cut reported as inferred; a run that
 * cuts more than one way is reported as unread, never guessed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/io/import/index.js';
import { splitGluedNumbers } from '../../src/io/import/glued-numbers.js';
import { splitGluedRows } from '../../src/io/import/glued-rows.js';
import { SHARED } from './transcriptions.js';

const FIXTURE_03 = readFileSync(new URL('fixtures/forms/03_raw.txt', SHARED), 'utf8');

const HEAD =
  '项目支出绩效自评表(2023年度)项目名称乡村道路养护主管部门县交通运输局实施单位县公路事务中心' +
  '项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分年度资金总额:1001009010.0090.00%9.00' +
  '年度总体目标预期目标实际完成情况养护农村公路120公里。完成养护农村公路118公里。';

describe('glued text: the standard column order', () => {
  it('cuts funding, rows and 总分 by the rules and reports each cut', () => {
    const text =
      `${HEAD}绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施` +
      '产出指标数量指标养护里程≥120公里118公里2019.67质量指标路面合格率≥95%96%2020' +
      '效益指标社会效益指标群众出行条件显著改善显著改善2020满意度指标服务对象满意度指标群众满意度≥90%92%1010' +
      '总分10097.67注:本表由实施单位填报';
    const { form, report } = importText(text);
    expect(form.funding?.total).toEqual({ initial: 100, annual: 100, executed: 90, score: 9 });
    expect(form.indicators.map((i) => [i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score])).toEqual([
      ['产出指标', '数量指标', '养护里程', '≥120公里', '118公里', 20, 19.67],
      ['产出指标', '质量指标', '路面合格率', '≥95%', '96%', 20, 20],
      ['效益指标', '社会效益指标', '群众出行条件', '显著改善', '显著改善', 20, 20],
      ['满意度指标', '服务对象满意度指标', '群众满意度', '≥90%', '92%', 10, 10],
    ]);
    expect(form.selfTotal).toBe(97.67);
    expect(report.inferred.filter((e) => e.path === 'indicators').map((e) => e.value)).toEqual([
      '养护里程 | ≥120公里 | 118公里 | 20 | 19.67',
      '路面合格率 | ≥95% | 96% | 20 | 20',
      '群众出行条件 | 显著改善 | 显著改善 | 20 | 20',
      '群众满意度 | ≥90% | 92% | 10 | 10',
    ]);
    // 预期目标 and 实际完成情况 ran together and do not repeat: kept as 预期目标, and the report says so
    expect(form.goals).toEqual({ expected: '养护农村公路120公里。完成养护农村公路118公里。', actual: null });
    expect(report.unread.map((u) => u.why)).toEqual([expect.stringContaining('预期目标与实际完成情况连成一串')]);
  });

  it('leaves a row that cuts two ways unread and says so', () => {
    const text =
      `${HEAD}绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施` +
      '产出指标数量指标养护里程≥120公里118公里2019.67质量指标检测次数≥1211520' +
      '总分10097.67';
    const { form, report } = importText(text);
    expect(form.indicators.map((i) => i.name)).toEqual(['养护里程']);
    expect(report.unread.map((u) => u.text)).toContainEqual(expect.stringContaining('检测次数≥1211520'));
  });
});

describe('glued numbers and rows', () => {
  it.each([
    [
      '202010100.00%10',
      ['amount', 'amount', 'weight', 'rate', 'score'],
      { budget: 0, executed: 1, weight: 2, score: 4 },
      [20, 20, 10, 1, 10],
    ],
    ['2020', ['amount', 'amount'], { maxAmount: 20 }, [20, 20]],
    ['2020', ['amount', 'amount'], {}, null],
    ['100100', ['amount', 'amount'], { weight: 0, score: 1, maxAmount: 200 }, [100, 100]],
  ] as const)('%s as %j', (text, roles, rules, expected) => {
    expect(splitGluedNumbers(text, roles, rules)).toEqual(expected);
  });

  const row = (name: string, weight: number, target: string, actual: string, score: number) => ({
    name,
    target,
    actual,
    weight,
    score,
  });
  // Runs of fixture 03 as published (衔接资金 order: 三级指标 分值 年度指标值 全年实际值 得分), cut as 03.json reads them
  it.each([
    [
      '安装坡面水标尺10≥266米≥266米10水标尺宽度10≥50厘米≥50厘米10',
      [row('安装坡面水标尺', 10, '≥266米', '≥266米', 10), row('水标尺宽度', 10, '≥50厘米', '≥50厘米', 10)],
    ],
    ['项目计划总投资1020万元20万元10', [row('项目计划总投资', 10, '20万元', '20万元', 10)]],
    ['项目(工程)验收合格率20100%100%20', [row('项目(工程)验收合格率', 20, '100%', '100%', 20)]],
    ['群众生产生活条件改善状况10显著提升显著提升10', [row('群众生产生活条件改善状况', 10, '显著提升', '显著提升', 10)]],
  ])('%s in the 衔接资金 order cuts into its rows', (run, rows) => {
    expect(FIXTURE_03).toContain(run);
    expect(splitGluedRows(run, ['name', 'weight', 'target', 'actual', 'score'])).toEqual(rows);
  });

  it('refuses a run whose numbers have no unit between them', () => {
    expect(splitGluedRows('完成数10≥1012910', ['name', 'weight', 'target', 'actual', 'score'])).toBeNull();
  });
});

describe('glued text: limits', () => {
  it('a table of 2,000 glued rows that never cut cleanly ends, each left unread, nothing guessed', () => {
    const row = `产出指标数量指标${'甲乙丙丁'.repeat(10)}1${'1'.repeat(60)}≥1${'0'.repeat(30)}米1010`;
    const text =
      '项目名称测试项目主管部门某局实施单位某局项目资金(万元)全年预算数全年执行数分值执行率得分' +
      '年度资金总额:202010100.00%10绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因' +
      row.repeat(2000);
    const { form, report } = importText(text);
    expect(form.indicators).toEqual([]);
    expect(report.unread.length).toBeGreaterThan(0);
    expect(report.inferred.some((e) => e.path === 'indicators')).toBe(false);
  });
});

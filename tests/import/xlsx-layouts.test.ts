/**
 * .xlsx in each real layout (scoring-rules.md §2, fixtures/forms/README.md), built here with merged
 * cells, formulas with cached values, numbers stored as text, spacer and template rows, then
 * imported and compared field by field.
 */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/io/import/index.js';
import { buildWorkbook, type CellInput } from './build-workbook.js';

const W = null;

/** The standard MOF 自评表 (seed layout), on a second sheet after a notes sheet. */
function standardRows(title: string, nameLabel: string): CellInput[][] {
  return [
    [title, W, W, W, W, W, W, W, W],
    ['（2022年度）', W, W, W, W, W, W, W, W],
    [nameLabel, '北京智源人工智能研究院建设', W, W, W, W, W, W, W],
    ['主管部门', '北京市科学技术委员会', W, W, '实施单位', '北京市科学技术委员会本级事业', W, W, W],
    ['项目负责人', '李顺超', W, W, '联系电话', '55577789', W, W, W],
    ['项目资金（万元）', W, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', W],
    [
      W,
      '年度资金总额',
      '20,500.00',
      '４７５３.６６万元',
      { formula: 'D8', result: 4753.66 },
      '１０',
      { percent: 1 },
      10,
      W,
    ],
    [W, '其中：当年财政拨款', 20500, 4753.66, 4753.66, '—', W, '—', W],
    [W, '上年结转资金', W, W, W, '—', W, '—', W],
    [W, W, W, W, W, W, W, W, W],
    ['年度总体目标', '预期目标', W, W, W, '实际完成情况', W, W, W],
    [W, '开展大模型研发。', W, W, W, '发布多模态大模型。', W, W, W],
    [
      '绩效指标',
      '一级指标',
      '二级指标',
      '三级指标',
      '年度指标值',
      '实际完成值',
      '分值',
      '得分',
      '偏差原因分析及改进措施',
    ],
    [W, '产出指标(50分)', '数量指标', '智源创新中心', '≥6个', '6个', 5, 5, W],
    [W, W, W, '高质量人工智能数据集', '≥2个', '11个', '5', '4', '预设值相对保守。'],
    [W, W, W, '指标2：', W, W, W, W, W],
    [W, W, W, '……', W, W, W, W, W],
    [W, W, W, W, W, W, W, W, W],
    [W, W, '质量指标', '支持智源学者', '≤10人', '20人', 3, 3, W],
    [W, W, '小计', W, W, W, 13, 12, W],
    [W, '满意度指标', '服务对象满意度指标', '研究院对市科委服务满意程度', '≥90%', 0.95, 10, 10, W],
    ['总分', W, W, W, W, W, 100, { formula: 'SUM(H7,H14:H21)', result: 89 }, W],
    ['填报人：张三', W, W, W, '填报日期：2023年3月1日', W, W, W, W],
  ];
}

const standardMerges = [
  'A1:I1',
  'A2:I2',
  'B3:I3',
  'A6:B6',
  'A7:A9',
  'A11:A12',
  'B11:E11',
  'F11:I11',
  'B12:E12',
  'F12:I12',
  'A13:A21',
  'B14:B20',
  'C14:C17',
  'A22:F22',
];

describe('import .xlsx: standard MOF layout', () => {
  it('finds the form on its sheet by labels and reads every field', async () => {
    const bytes = await buildWorkbook([
      { name: '说明', rows: [['本工作簿由预算一体化系统导出']] },
      { name: '自评表', rows: standardRows('项目支出绩效自评表', '项目名称'), merges: standardMerges },
    ]);
    const { form, report } = await importFile(bytes);
    expect(report.source).toBe('xlsx');
    expect(report.sheet).toBe('自评表');
    expect(form.year).toBe(2022);
    expect(form.formType).toBe('project');
    expect(form.project).toEqual({
      name: '北京智源人工智能研究院建设',
      department: '北京市科学技术委员会',
      implementer: '北京市科学技术委员会本级事业',
      manager: '李顺超',
      phone: '55577789',
    });
    expect(form.funding?.unit).toBe('万元');
    expect(form.funding?.weight).toBe(10);
    expect(form.funding?.total).toEqual({ initial: 20500, annual: 4753.66, executed: 4753.66, score: 10 });
    expect(form.funding?.appropriation).toEqual({ initial: 20500, annual: 4753.66, executed: 4753.66 });
    expect(form.funding?.carryover).toEqual({ initial: null, annual: null, executed: null });
    expect(form.goals).toEqual({ expected: '开展大模型研发。', actual: '发布多模态大模型。' });
    expect(
      form.indicators.map((i) => [i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score, i.deviation]),
    ).toEqual([
      ['产出指标', '数量指标', '智源创新中心', '≥6个', '6个', 5, 5, null],
      ['产出指标', '数量指标', '高质量人工智能数据集', '≥2个', '11个', 5, 4, '预设值相对保守。'],
      ['产出指标', '质量指标', '支持智源学者', '≤10人', '20人', 3, 3, null],
      ['满意度指标', '服务对象满意度指标', '研究院对市科委服务满意程度', '≥90%', '95%', 10, 10, null],
    ]);
    expect(form.selfTotal).toBe(89);
    // where each value came from, and what was left out on purpose
    expect(report.read).toContainEqual({ path: 'funding.total.executed', from: '自评表!E7', value: 4753.66 });
    expect(report.read).toContainEqual({ path: 'selfTotal', from: '自评表!H22', value: 89 });
    expect(report.inferred.find((e) => e.path === 'indicators.3.actual')?.why).toMatch(/小数 0\.95/);
    expect(report.skipped.map((s) => s.why).join('\n')).toMatch(/模板占位行[\s\S]*块合计行[\s\S]*表尾/);
    expect(report.unread).toEqual([]);
  });

  it('reads the 部门整体 version (unit name instead of 项目名称)', async () => {
    const bytes = await buildWorkbook([
      {
        name: 'Sheet1',
        rows: standardRows('部门整体支出绩效自评表', '部门名称'),
        merges: standardMerges,
      },
    ]);
    const { form, report } = await importFile(bytes);
    expect(form.formType).toBe('department');
    expect(form.project.name).toBe('北京智源人工智能研究院建设');
    expect(report.layouts).toContain('department');
    expect(form.indicators).toHaveLength(4);
  });
});

describe('import .xlsx: system export with 指标性质 / 指标值 / 度量单位', () => {
  it('joins the three columns, drops operator codes, and says so', async () => {
    const rows: CellInput[][] = [
      ['2022年度项目支出绩效自评表'],
      ['项目名称', '义务教育营养改善计划专项资金', W, '主管部门', '永德县教育体育局', '实施单位', '永德县明朗中学'],
      ['项目资金（元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
      ['年度资金总额', W, '387,664.62', '387664.62', 10, '100%', 10],
      ['年度总体目标', '预期目标', W, W, '实际完成情况'],
      [W, '改善学生体质', W, W, '改善学生体质'],
      ['一级指标', '二级指标', '三级指标', '年度指标值', W, W, '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
      [W, W, W, '指标性质', '指标值', '度量单位', W, W, W, W],
      ['产出指标', '数量指标', '学生受资助人数', '≧', 735, '人次', '735', 10, 10, W],
      [W, '质量指标', '营养改善计划覆盖率', '004 >=', '100', '%', '100%', 10, 10, W],
      [W, '成本指标', '生均补助标准达标率', '═', 100, '%', '100%', 10, 10, W],
      ['效益指标', '社会效益指标', '政策知晓率', '005 <=', 5, '%', '2%', 10, 9, W],
      ['总分', W, W, W, W, W, W, 100, 96],
    ];
    const merges = ['A7:A8', 'B7:B8', 'C7:C8', 'D7:F7', 'G7:G8', 'H7:H8', 'I7:I8', 'J7:J8', 'A9:A11'];
    const { form, report } = await importFile(await buildWorkbook([{ name: '公开14表', rows, merges }]));
    expect(report.layouts).toContain('split-target');
    expect(form.funding?.unit).toBe('元');
    expect(form.funding?.total).toEqual({ initial: null, annual: 387664.62, executed: 387664.62, score: 10 });
    expect(form.indicators.map((i) => [i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score])).toEqual([
      ['产出指标', '数量指标', '学生受资助人数', '≧735人次', '735', 10, 10],
      ['产出指标', '质量指标', '营养改善计划覆盖率', '>=100%', '100%', 10, 10],
      ['产出指标', '成本指标', '生均补助标准达标率', '═100%', '100%', 10, 10],
      ['效益指标', '社会效益指标', '政策知晓率', '<=5%', '2%', 10, 9],
    ]);
    expect(report.inferred.find((e) => e.path === 'indicators.1.target')?.why).toMatch(/004 >=.*>=/);
    expect(form.selfTotal).toBe(96);
  });
});

describe('import .xlsx: 衔接资金 绩效目标自评表', () => {
  it('reads 分值 before 年度指标值, no 年初预算数, and keeps 其中 sub-rows out', async () => {
    const rows: CellInput[][] = [
      ['绩效目标自评表（2022年度）'],
      ['项目名称', '小型水库水标尺制作安装', W, W, W, W],
      ['项目负责人及电话', '谢凯13990260322(办公)', W, '主管部门', '中江县水利局', W],
      ['实施单位', '中江县水利局', W, W, W, W],
      ['资金情况（万元）', '全年预算数（A）', '全年执行数（B）', '分值', '执行率（B/A）', '得分'],
      ['年度资金总额：', 20, 20, 10, '100.00%', 10],
      ['其中：本年财政拨款', 20, 20, W, W, W],
      ['年度总体目标', '年初设定目标', W, '年度总体目标完成情况综述', W, W],
      [W, '对项目区农业用水计量', W, '已完成农业用水计量', W, W],
      ['一级指标', '二级指标', '三级指标', '分值', '年度指标值', '全年实际值', '得分', '未完成原因及拟采取的改进措施'],
      ['产出指标(70分)', '数量指标', '安装坡面水标尺', 10, '≥266米', '270米', 10, W],
      [W, W, '其中：一号水库', W, '≥100米', '102米', W, W],
      [W, W, '其中：二号水库', W, '≥166米', '168米', W, W],
      ['满意度指标(10分)', '服务对象满意度指标', '受益户满意度', 10, '≥95%', '96%', 10, W],
      ['总分', W, W, 100, W, W, 100, W],
      ['注：1.一级指标分值统一设置为……'],
    ];
    const { form, report } = await importFile(await buildWorkbook([{ name: '自评表', rows, merges: ['A11:A13'] }]));
    expect(report.layouts).toContain('xianjie');
    expect(form.project.manager).toBe('谢凯');
    expect(form.project.phone).toBe('13990260322(办公)');
    expect(form.funding?.total).toEqual({ initial: null, annual: 20, executed: 20, score: 10 });
    expect(form.goals).toEqual({ expected: '对项目区农业用水计量', actual: '已完成农业用水计量' });
    expect(form.indicators.map((i) => [i.level1, i.name, i.target, i.actual, i.weight, i.score])).toEqual([
      ['产出指标', '安装坡面水标尺', '≥266米', '270米', 10, 10],
      ['满意度指标', '受益户满意度', '≥95%', '96%', 10, 10],
    ]);
    expect(report.skipped.filter((s) => /其中/.test(s.why))).toHaveLength(2);
    expect(form.selfTotal).toBe(100);
  });
});

describe('import .xlsx: 20-point budget layout without 分值', () => {
  it('takes the funding weight from its title and leaves indicator weights empty, reported', async () => {
    const rows: CellInput[][] = [
      ['2020年度项目支出绩效自评表'],
      ['项目名称', '长江禁捕退捕', W, W, W],
      ['预算执行情况(万元)(20分)', '预算数(A)', '执行数(B)', '执行率(B/A)', '得分(20分*执行率)'],
      [W, 100, 95, { percent: 0.95 }, 19],
      ['年度总体目标', '预期目标', W, '实际完成情况', W],
      [W, '完成禁捕退捕', W, '已完成', W],
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '偏差大或目标未完成原因分析'],
      ['产出指标', '数量指标', '退捕渔船', '≥50艘', '52艘', W],
    ];
    const { form, report } = await importFile(await buildWorkbook([{ name: '湖北', rows, merges: ['A3:A4'] }]));
    expect(report.layouts).toContain('budget-20');
    expect(form.funding?.weight).toBe(20);
    expect(form.funding?.total).toEqual({ initial: null, annual: 100, executed: 95, score: 19 });
    expect(report.inferred.map((e) => e.path)).toContain('funding.total');
    expect(form.indicators).toEqual([
      expect.objectContaining({ name: '退捕渔船', target: '≥50艘', actual: '52艘', weight: null, score: null }),
    ]);
  });
});

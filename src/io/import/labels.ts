/**
 * The labels of a 自评表 (scoring-rules.md §2 and the layouts in fixtures/forms/README.md), matched
 * on `labelKey` text (NFKC, no spaces). Blocks are found by these, never by fixed addresses.
 */

/** Field labels left of their value in the header block. */
export const HEADER_LABELS = {
  name: /^(?:项目名称|部门(?:\(单位\))?名称|单位名称|预算单位名称)[:]?$/,
  department: /^主管部门(?:\(盖章\))?[:]?$/,
  implementer: /^(?:项目)?实施单位[:]?$/,
  manager: /^项目负责人[:]?$/,
  phone: /^联系电话[:]?$/,
  managerAndPhone: /^项目负责人及(?:联系)?电话[:]?$/,
} as const;

/** Any header label: a value cell must not be one. */
export const ANY_HEADER_LABEL =
  /^(?:项目名称|部门名称|单位名称|主管部门|实施单位|项目实施单位|项目负责人|联系电话|项目资金|资金情况)/;

/** Funding column headers, most specific first (A/B variants, Sichuan 调整后预算数, Hubei 预算数(A)). */
export type FundingColumn = 'initial' | 'annual' | 'executed' | 'weight' | 'rate' | 'score';
export const FUNDING_COLUMNS: [key: FundingColumn, pattern: RegExp][] = [
  ['initial', /^年初预算(?:数)?(?:\(A\))?$/],
  ['annual', /^(?:全年预算数|调整后预算数|全年预算|预算数)(?:\(A\))?$/],
  ['executed', /^(?:全年执行数|预算执行数|执行数|全年执行|实际执行数)(?:\(B\))?$/],
  ['weight', /^(?:分值|权重|执行率权重)(?:\(\d{1,3}\))?$/],
  ['rate', /^(?:预算)?执行率(?:\(B\/A\)|\(%\))?$/],
  ['score', /^(?:得分|执行率得分)(?:\(.{0,20}\))?$/],
];

/** Funding rows by their label. */
export const FUNDING_ROWS: [key: 'total' | 'appropriation' | 'carryover' | 'other', pattern: RegExp][] = [
  ['total', /^年度资金总额[:]?$/],
  ['appropriation', /^(?:其中[:]?)?(?:当年|本年)?财政拨款(?:资金)?[:]?$/],
  ['carryover', /^(?:其中[:]?)?上年结(?:转|余结转)(?:资金)?[:]?$/],
  ['other', /^(?:其中[:]?)?其他资金[:]?$/],
];

/** The funding block's title, which may carry its unit and weight: 项目资金（万元）, 预算执行情况(万元)(20分). */
export const FUNDING_TITLE = /^(?:项目资金|资金情况|预算执行情况|项目预算执行情况)/;

/** Goals headers: 预期目标 / 实际完成情况 and the 衔接资金 and Shandong wording. */
export const GOAL_EXPECTED = /^(?:预期目标|年初设定目标|年度目标)$/;
export const GOAL_ACTUAL = /^(?:实际完成情况|年度总体目标完成情况综述|目标完成情况|全年实际完成情况)$/;

/** Indicator table columns. */
export const INDICATOR_COLUMNS: [key: IndicatorColumn, pattern: RegExp][] = [
  ['level1', /^一级(?:指标)?$/],
  ['level2', /^二级(?:指标)?$/],
  ['name', /^三级(?:指标)?$/],
  ['sign', /^指标性质$/],
  ['unit', /^(?:度量|计量)单位$/],
  ['value', /^指标值$/],
  ['target', /^(?:年度指标值|预期指标值|年初指标值|调整指标值|指标值)(?:\(A\))?$/],
  ['actual', /^(?:实际完成值|全年实际值|实际完成指标值|完成值|全年完成值|实际值)(?:\(B\))?$/],
  ['weight', /^(?:分值|权重|指标权重)(?:\(分\))?$/],
  ['score', /^(?:得分|指标得分|自评得分)(?:\(分\))?$/],
  ['deviation', /(?:偏差|原因)/],
  ['method', /^得分计算方法$/],
];
export type IndicatorColumn =
  | 'level1'
  | 'level2'
  | 'name'
  | 'sign'
  | 'unit'
  | 'value'
  | 'target'
  | 'actual'
  | 'weight'
  | 'score'
  | 'deviation'
  | 'method';

/** Lines that end the table: 总分, notes, who filled it and when. */
export const TOTAL_LABEL = /^(?:总分|合计得分|综合得分|自评总分)$/;
export const FOOTER =
  /^(?:注[:：.、\d]|说明[:：]|填报人|填表人|填报日期|填表日期|日期[:：]|联系人|审核人|单位负责人|财务负责人|其他需要说明)/;

/** Rows inside the table that are not indicators: block totals. */
export const BLOCK_TOTAL = /^(?:小计|合计)/;

/** Level-1 labels and the weight some forms print in them: 产出指标(50分). */
export const LEVEL1 = /^(产出指标|效益指标|满意度指标|成本指标)(?:\((\d{1,3})分\))?$/;
/** Level-2 labels seen on real forms. */
export const LEVEL2 = new RegExp(
  '^(?:数量指标|质量指标|时效指标|成本指标|经济成本指标|社会成本指标|生态环境成本指标' +
    '|经济效益指标?|社会效益指标?|生态效益指标?|可持续影响指标?|服务对象满意度指标等?|满意度指标)$',
);

/** 其中 sub-rows under an indicator (衔接资金 layout). */
export const SUB_ROW = /^其中[:：]?/;

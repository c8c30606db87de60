/**
 * The fixed list of `{{variables}}` a prompt template may use. A template naming any other
 * variable fails to load. `userText` marks values that contain what the user typed (names,
 * 指标值, notes…): those may appear in the built-in outline, never in the instructions sent to a
 * model, which sees user text only as quoted data (see messages.ts).
 */
import type { CellKind } from './types.js';

export interface VariableInfo {
  /** Chinese description, shown in prompts/README.md and in load errors. */
  label: string;
  /** Which cells have a value for it. */
  cells: readonly CellKind[];
  /** Contains user-typed text: allowed in the built-in outline only. */
  userText: boolean;
}

const BOTH: readonly CellKind[] = ['goals', 'deviation'];
const GOALS: readonly CellKind[] = ['goals'];
const DEV: readonly CellKind[] = ['deviation'];

export const TEMPLATE_VARIABLES = {
  // every cell
  cellLabel: { label: '单元格名称（实际完成情况 / 偏差原因分析及改进措施）', cells: BOTH, userText: false },
  maxChars: { label: '本单元格字数上限', cells: BOTH, userText: false },
  year: { label: '年度，如 2022', cells: BOTH, userText: false },
  projectName: { label: '项目名称', cells: BOTH, userText: true },
  unit: { label: '金额单位（万元或元）', cells: BOTH, userText: false },
  budget: { label: '全年预算数（带单位），如 20500万元', cells: BOTH, userText: false },
  executed: { label: '全年执行数（带单位）', cells: BOTH, userText: false },
  executionRate: { label: '预算执行率，如 100%', cells: BOTH, userText: false },
  fundingScore: { label: '预算执行率得分', cells: BOTH, userText: false },
  total: { label: '核定总分，如 87.5', cells: BOTH, userText: false },
  grade: { label: '评价等级（优、良、中、差，按核定总分）', cells: BOTH, userText: false },
  // goals.actual
  goalPartsSentence: {
    label: '年度目标各部分（由预期目标拆出）的一句话，无法拆分时为空',
    cells: GOALS,
    userText: true,
  },
  outputSentence: { label: '产出指标完成情况的一句话', cells: GOALS, userText: true },
  benefitSentence: { label: '效益指标完成情况的一句话', cells: GOALS, userText: true },
  satisfactionSentence: { label: '满意度指标完成情况的一句话', cells: GOALS, userText: true },
  shortfallSentence: { label: '未完成、超额、超限或延期指标的一句话，没有时为空', cells: GOALS, userText: true },
  fundingSentence: {
    label:
      '资金一句话：全年预算、全年执行、预算执行率；执行率不是100%时说明原因（用户写过的原因或占位符）；部门整体表写“本单位…部门整体支出”',
    cells: GOALS,
    userText: true,
  },
  toFixSentence: {
    label: '年度指标值或实际完成值缺失、残缺（如“≥**人”“5=50%”）的指标，写成〔待核实：…〕占位符；没有时为空',
    cells: GOALS,
    userText: true,
  },
  totalSentence: {
    label: '表中自评总分的一句话（只用表中填写的总分，未填或超过100时为空）',
    cells: GOALS,
    userText: false,
  },
  subject: { label: '主语：项目表为“本项目”，部门整体表为“本单位”', cells: GOALS, userText: false },
  goalsNotes: { label: '用户为总体目标补充的事实（原文）', cells: GOALS, userText: true },
  indicatorCount: { label: '绩效指标行数', cells: GOALS, userText: false },
  // indicators.N.deviation
  rowNumber: { label: '指标在表中的行号（从1起）', cells: DEV, userText: false },
  indicatorName: { label: '三级指标名称（去掉“指标1:”“★”等标记）', cells: DEV, userText: true },
  indicatorShortName: { label: '三级指标的简称（过长的名称取第一个分句），用在改进措施里', cells: DEV, userText: true },
  level1: { label: '一级指标', cells: DEV, userText: true },
  level2: { label: '二级指标', cells: DEV, userText: true },
  target: { label: '年度指标值（原文），如 ≥200台', cells: DEV, userText: true },
  actual: { label: '实际完成值（原文，过长时取其中的数量）', cells: DEV, userText: true },
  weight: { label: '分值', cells: DEV, userText: false },
  score: { label: '核定得分', cells: DEV, userText: false },
  selfScore: { label: '自评得分', cells: DEV, userText: false },
  ruleScore: { label: '规则得分', cells: DEV, userText: false },
  scoreLoss: { label: '扣分（分值减核定得分）', cells: DEV, userText: false },
  completionPercent: { label: '完成率（实际完成值 ÷ 年度指标值），如 148%', cells: DEV, userText: false },
  deviationPercent: { label: '偏差率（完成率与100%之差的绝对值），如 48%', cells: DEV, userText: false },
  deviationAmount: { label: '偏差量（带单位），如 96台', cells: DEV, userText: false },
  overPenaltyRule: {
    label: '评分口径对超额完成的处理，如“按本口径，超额完成不自动扣分…”',
    cells: DEV,
    userText: false,
  },
  overRatioPercent: { label: '超额完成认定标准（规则口径的比例），如 120%', cells: DEV, userText: false },
  rowGrade: { label: '定性指标的达成等级（达成、部分达成、未达成）', cells: DEV, userText: false },
  gradeClause: {
    label: '“，自评为“部分达成””之类的短语；等级为“达成”时为空（免得与“未完全达成”自相矛盾）',
    cells: DEV,
    userText: false,
  },
  outcomeLabel: { label: '偏差类型的说法，如 未完成年度指标值', cells: DEV, userText: false },
  cause: { label: '偏差原因：用户补充事实中的原因，没有时为“默认偏差原因”（占位符）', cells: DEV, userText: true },
  measure: { label: '改进措施：用户补充事实中的措施，没有时为“默认改进措施”', cells: DEV, userText: true },
  rowNotes: { label: '用户为本行补充的事实（原文）', cells: DEV, userText: true },
  scoreExplanation: { label: '评分说明（评分器给出的一行算式）', cells: DEV, userText: true },
  // repair.md
  issues: { label: '上一稿未通过的核查项（每行一项）', cells: BOTH, userText: false },
} as const satisfies Record<string, VariableInfo>;

export type VariableName = keyof typeof TEMPLATE_VARIABLES;

export function isVariableName(name: string): name is VariableName {
  return Object.hasOwn(TEMPLATE_VARIABLES, name);
}

/** Values of the variables for one cell (only those that apply to the cell are set). */
export type TemplateVars = Partial<Record<VariableName, string>>;

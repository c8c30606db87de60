import { rowLabel } from './row-number.js';

/** Chinese labels of the form's fields, keyed by the last segment of a field path. */
export const FIELD_LABELS: Record<string, string> = {
  form: '自评表',
  formType: '表类型',
  year: '年度',
  profile: '规则口径',
  project: '项目信息',
  name: '名称',
  department: '主管部门',
  implementer: '实施单位',
  manager: '项目负责人',
  phone: '联系电话',
  funding: '项目资金',
  unit: '金额单位',
  weight: '分值',
  total: '年度资金总额',
  appropriation: '当年财政拨款',
  carryover: '上年结转资金',
  other: '其他资金',
  initial: '年初预算数',
  annual: '全年预算数',
  executed: '全年执行数',
  score: '得分',
  reason: '执行率偏低原因',
  goals: '年度总体目标',
  expected: '预期目标',
  actual: '实际完成值',
  notes: '补充事实',
  indicators: '绩效指标',
  level1: '一级指标',
  level2: '二级指标',
  target: '年度指标值',
  grade: '达成等级',
  deviation: '偏差原因分析及改进措施',
  selfTotal: '自评总分',
};

/** The label for a dotted path; `goals.actual` is 实际完成情况, `project.name` is 项目名称. */
export function labelForPath(path: readonly (string | number)[]): string {
  const key = String(path[path.length - 1] ?? '');
  const parent = String(path[path.length - 2] ?? '');
  if (parent === 'goals' && key === 'actual') return '实际完成情况';
  if (parent === 'project' && key === 'name') return '项目名称';
  if (parent === 'indicators' || /^\d+$/.test(key)) return rowLabel(Number(key));
  if (path.length >= 3 && path[0] === 'indicators' && key === 'name') return '三级指标';
  return FIELD_LABELS[key] ?? key;
}

/** A path's name in an indicator row, where the bare field name would be ambiguous. */
const ROW_FIELD_LABELS: Record<string, string> = { name: '三级指标', actual: '实际完成值', score: '得分' };
/** Blocks whose name adds nothing before a field: `funding.total.executed` reads 年度资金总额 全年执行数. */
const SILENT_BLOCKS = new Set(['funding', 'project', 'goals']);

/**
 * Chinese name of a dotted path for issue lists, histories and the CLI: `indicators.5.score` is
 * `第6行 得分` (row-number.ts), `funding.total.executed` is `年度资金总额 全年执行数`.
 */
export function pathLabel(path: string): string {
  if (path === 'goals.actual') return '实际完成情况';
  if (path === 'goals.expected') return '预期目标';
  if (path === 'project.name') return '项目名称';
  if (path === 'profile') return '规则口径';
  const parts = path.split('.');
  if (parts[0] === 'indicators' && parts[1] !== undefined) {
    const row = rowLabel(Number(parts[1]));
    if (parts.length === 2) return row;
    const key = parts[2]!;
    return `${row} ${ROW_FIELD_LABELS[key] ?? FIELD_LABELS[key] ?? key}`;
  }
  const shown = parts.length > 1 && SILENT_BLOCKS.has(parts[0]!) ? parts.slice(1) : parts;
  return shown.map((p) => FIELD_LABELS[p] ?? p).join(' ');
}

/**
 * Where a finding is, for terminals: its name, rows numbered as printed, then the path the commands
 * and --json use (`第6行 得分（indicators.5.score）`), so row 6 is never called 5.
 */
export function placeOf(path: string): string {
  const label = pathLabel(path);
  return label === path ? path : `${label}（${path}）`;
}

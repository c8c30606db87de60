/**
 * The print view: the form in the official layout of 项目支出绩效自评表 (project block, funding
 * block, 年度总体目标, indicator table with merged 一级/二级 cells, 总分), sized for A4 landscape.
 * Narrative cells are Markdown rendered by `marked` and sanitized; every other cell is text.
 * This module is loaded on demand, so `marked` is not part of the editor's first load.
 */
import { DEFAULT_FUNDING_UNIT } from '../core/schema/choices.js';
import type { Form, ScoreReport } from '../core/index.js';
import { type PrintedScores, printedScores } from '../core/scoring/printed-scores.js';
import { h, type Child } from './dom.js';
import { deviationPath } from './form-paths.js';
import { fmtPercent, fmtScore } from './format.js';
import { renderNarrative } from './markdown.js';

export interface PrintData {
  form: Form;
  report: ScoreReport;
  /** Notes for the screen only (unsaved changes, placeholders left…). */
  warnings: string[];
  backHref: string;
}

const amountText = (value: number | null | undefined): string =>
  value === null || value === undefined ? '' : String(value);

function td(content: Child, attrs: Record<string, string | number> = {}, cls = ''): HTMLTableCellElement {
  return h('td', { class: cls, attrs }, content);
}

function th(content: Child, attrs: Record<string, string | number> = {}): HTMLTableCellElement {
  return h('th', { attrs }, content);
}

const FUNDING_COLUMNS = ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'];

/** The indicator table's columns: header and width class. */
const INDICATOR_COLUMNS: [string, string][] = [
  ['一级指标', 'w-l1'],
  ['二级指标', 'w-l2'],
  ['三级指标', 'w-name'],
  ['年度指标值', 'w-target'],
  ['实际完成值', 'w-actual'],
  ['分值', 'w-num'],
  ['得分', 'w-num'],
  ['偏差原因分析及改进措施', 'w-dev'],
];

function narrative(text: string | null | undefined): HTMLElement {
  const box = h('div', { class: 'md' });
  if (text?.trim()) box.append(renderNarrative(text));
  return box;
}

type FundingRow = NonNullable<Form['funding']>['total'];

/** 执行率 of a funding row: 全年执行数 / 全年预算数, blank without a budget. */
function executedRate(row: FundingRow | null | undefined): string {
  return row?.annual && row.executed !== null && row.executed !== undefined
    ? fmtPercent(row.executed / row.annual)
    : '';
}

/** 项目名称, 主管部门 and 实施单位, 项目负责人 and 联系电话. */
function projectTable(project: Form['project']): HTMLElement {
  return h(
    'table',
    { class: 'sheet-table' },
    h('colgroup', {}, h('col', { class: 'w-label' }), h('col'), h('col', { class: 'w-label' }), h('col')),
    h(
      'tbody',
      {},
      h('tr', {}, th('项目名称'), td(project.name, { colspan: 3 })),
      h('tr', {}, th('主管部门'), td(project.department ?? ''), th('实施单位'), td(project.implementer ?? '')),
      h('tr', {}, th('项目负责人'), td(project.manager ?? ''), th('联系电话'), td(project.phone ?? '')),
    ),
  );
}

/** The funding block: 年度资金总额 carries 分值, 执行率 and 得分; the rows under it only amounts and 执行率. */
function fundingTable(form: Form, report: ScoreReport, printed: PrintedScores): HTMLElement {
  const f = form.funding;
  const row = (label: string, amounts: FundingRow | null | undefined, isTotal: boolean) =>
    h(
      'tr',
      {},
      th(label),
      td(amountText(amounts?.initial), {}, 'num'),
      td(amountText(amounts?.annual), {}, 'num'),
      td(amountText(amounts?.executed), {}, 'num'),
      td(isTotal ? amountText(printed.fundingWeight) : amounts ? '-' : '', {}, 'num'),
      td(isTotal ? fmtPercent(report.funding.rate) : executedRate(amounts), {}, 'num'),
      td(isTotal ? fmtScore(printed.funding) : amounts ? '-' : '', {}, 'num'),
    );
  const head = [
    th(`项目资金（${f?.unit ?? DEFAULT_FUNDING_UNIT}）`, { rowspan: 1 }),
    ...FUNDING_COLUMNS.map((t) => th(t)),
  ];
  return h(
    'table',
    { class: 'sheet-table' },
    h('thead', {}, h('tr', {}, head)),
    h(
      'tbody',
      {},
      row('年度资金总额', f?.total, true),
      row('其中：当年财政拨款', f?.appropriation, false),
      row('上年结转资金', f?.carryover, false),
      row('其他资金', f?.other, false),
    ),
  );
}

/** 年度总体目标: 预期目标 beside 实际完成情况. */
function goalsTable(goals: Form['goals']): HTMLElement {
  return h(
    'table',
    { class: 'sheet-table' },
    h('colgroup', {}, h('col', { class: 'w-vertical' }), h('col'), h('col')),
    h(
      'tbody',
      {},
      h('tr', {}, th('年度总体目标', { rowspan: 2, class: 'vertical' }), th('预期目标'), th('实际完成情况')),
      h(
        'tr',
        { class: 'goals-row' },
        td(narrative(goals?.expected), {}, 'text'),
        td(narrative(goals?.actual), { 'data-path': 'goals.actual' }, 'text'),
      ),
    ),
  );
}

type Indicator = Form['indicators'][number];

/**
 * How many rows the cell of row `i` spans when consecutive rows share `key` (0: an earlier row's
 * cell covers it), as 一级 and 二级 cells do on the printed form.
 */
function spanAt(rows: readonly Indicator[], i: number, key: (r: Indicator) => string): number {
  if (i > 0 && key(rows[i - 1]!) === key(rows[i]!)) return 0;
  let n = 1;
  while (i + n < rows.length && key(rows[i + n]!) === key(rows[i]!)) n++;
  return n;
}

/** One indicator row of the sheet, with its merged 一级/二级 cells when it starts their group. */
function indicatorRow(rows: readonly Indicator[], i: number, score: number | null): HTMLTableRowElement {
  const row = rows[i]!;
  const s1 = spanAt(rows, i, (r) => r.level1);
  const s2 = spanAt(rows, i, (r) => `${r.level1}\u0000${r.level2 ?? ''}`);
  return h(
    'tr',
    {},
    s1 ? td(row.level1, { rowspan: s1 }, 'level') : null,
    s2 ? td(row.level2 ?? '', { rowspan: s2 }, 'level') : null,
    td(row.name, {}, 'text'),
    td(row.target ?? '', {}, 'text'),
    td(row.actual ?? '', {}, 'text'),
    td(amountText(row.weight), {}, 'num'),
    td(fmtScore(score), {}, 'num'),
    td(narrative(row.deviation), { 'data-path': deviationPath(i) }, 'text'),
  );
}

/** The indicator table, its last row 总分. */
function indicatorTable(rows: readonly Indicator[], printed: PrintedScores): HTMLElement {
  const body = rows.map((_, i) => indicatorRow(rows, i, printed.rows[i] ?? null));
  // 总分 is the last row, not a <tfoot>: a footer group would repeat on every printed page.
  const sum = h(
    'tr',
    { class: 'sum-row' },
    th('总分', { colspan: 5 }),
    td(String(printed.weightTotal), {}, 'num'),
    td(fmtScore(printed.total), {}, 'num'),
    td(''),
  );
  return h(
    'table',
    { class: 'sheet-table indicators-print' },
    h(
      'colgroup',
      {},
      INDICATOR_COLUMNS.map(([, cls]) => h('col', { class: cls })),
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        INDICATOR_COLUMNS.map(([t]) => th(t)),
      ),
    ),
    h('tbody', {}, body, sum),
  );
}

/** Builds the printable sheet. */
export function renderPrintSheet(data: PrintData): HTMLElement {
  const { form, report } = data;
  const printed = printedScores(form, report);
  return h(
    'article',
    { class: 'sheet', attrs: { 'aria-label': '自评表打印预览' } },
    h('h1', { class: 'sheet-title', text: '项目支出绩效自评表' }),
    h('p', { class: 'sheet-year', text: `（${form.year}年度）` }),
    projectTable(form.project),
    fundingTable(form, report, printed),
    goalsTable(form.goals),
    indicatorTable(form.indicators, printed),
  );
}

/** Renders the print page: a screen-only toolbar, then the sheet. */
export function renderPrintPage(root: HTMLElement, data: PrintData): void {
  const toolbar = h(
    'div',
    { class: 'print-toolbar no-print' },
    h('a', { class: 'button', attrs: { href: data.backHref }, text: '← 返回编辑' }),
    h('button', { class: 'primary', attrs: { type: 'button' }, text: '打印', on: { click: () => window.print() } }),
    h('span', { class: 'muted', text: '请在打印设置中选择 A4 横向。' }),
    data.warnings.length
      ? h(
          'ul',
          { class: 'print-warnings' },
          data.warnings.map((w) => h('li', { text: w })),
        )
      : null,
  );
  root.replaceChildren(toolbar, renderPrintSheet(data));
}

/**
 * The print view: the form in the official layout of 项目支出绩效自评表 (project block, funding
 * block, 年度总体目标, indicator table with merged 一级/二级 cells, 总分), sized for A4 landscape.
 * Narrative cells are Markdown rendered by `marked` and sanitized; every other cell is text.
 * This module is loaded on demand, so `marked` is not part of the editor's first load.
 */
import type { Form, ScoreReport } from '../core/index.js';
import { printedScores } from '../core/scoring/printed-scores.js';
import { h, type Child } from './dom.js';
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

function narrative(text: string | null | undefined): HTMLElement {
  const box = h('div', { class: 'md' });
  if (text?.trim()) box.append(renderNarrative(text));
  return box;
}

/** Builds the printable sheet. */
export function renderPrintSheet(data: PrintData): HTMLElement {
  const { form, report } = data;
  const printed = printedScores(form, report);
  const f = form.funding;
  const unit = f?.unit ?? '万元';
  const total = f?.total;
  const executedRate = (row: { annual?: number | null; executed?: number | null } | null | undefined) =>
    row?.annual && row.executed !== null && row.executed !== undefined ? fmtPercent(row.executed / row.annual) : '';

  const projectTable = h(
    'table',
    { class: 'sheet-table' },
    h('colgroup', {}, h('col', { class: 'w-label' }), h('col'), h('col', { class: 'w-label' }), h('col')),
    h(
      'tbody',
      {},
      h('tr', {}, th('项目名称'), td(form.project.name, { colspan: 3 })),
      h(
        'tr',
        {},
        th('主管部门'),
        td(form.project.department ?? ''),
        th('实施单位'),
        td(form.project.implementer ?? ''),
      ),
      h('tr', {}, th('项目负责人'), td(form.project.manager ?? ''), th('联系电话'), td(form.project.phone ?? '')),
    ),
  );

  const fundingRow = (label: string, row: typeof total, isTotal: boolean) =>
    h(
      'tr',
      {},
      th(label),
      td(amountText(row?.initial), {}, 'num'),
      td(amountText(row?.annual), {}, 'num'),
      td(amountText(row?.executed), {}, 'num'),
      td(isTotal ? amountText(printed.fundingWeight) : row ? '-' : '', {}, 'num'),
      td(isTotal ? fmtPercent(report.funding.rate) : executedRate(row), {}, 'num'),
      td(isTotal ? fmtScore(printed.funding) : row ? '-' : '', {}, 'num'),
    );
  const fundingTable = h(
    'table',
    { class: 'sheet-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        th(`项目资金（${unit}）`, { rowspan: 1 }),
        th('年初预算数'),
        th('全年预算数'),
        th('全年执行数'),
        th('分值'),
        th('执行率'),
        th('得分'),
      ),
    ),
    h(
      'tbody',
      {},
      fundingRow('年度资金总额', total, true),
      fundingRow('其中：当年财政拨款', f?.appropriation, false),
      fundingRow('上年结转资金', f?.carryover, false),
      fundingRow('其他资金', f?.other, false),
    ),
  );

  const goalsTable = h(
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
        td(narrative(form.goals?.expected), {}, 'text'),
        td(narrative(form.goals?.actual), { 'data-path': 'goals.actual' }, 'text'),
      ),
    ),
  );

  // 一级 and 二级 cells span the consecutive rows that share them, as on the printed form.
  const rows = form.indicators;
  const span = (i: number, key: (r: (typeof rows)[number]) => string): number => {
    if (i > 0 && key(rows[i - 1]!) === key(rows[i]!)) return 0;
    let n = 1;
    while (i + n < rows.length && key(rows[i + n]!) === key(rows[i]!)) n++;
    return n;
  };
  const body = rows.map((row, i) => {
    const s1 = span(i, (r) => r.level1);
    const s2 = span(i, (r) => `${r.level1}\u0000${r.level2 ?? ''}`);
    const score = printed.rows[i] ?? null;
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
      td(narrative(row.deviation), { 'data-path': `indicators.${i}.deviation` }, 'text'),
    );
  });
  const indicatorTable = h(
    'table',
    { class: 'sheet-table indicators-print' },
    h(
      'colgroup',
      {},
      h('col', { class: 'w-l1' }),
      h('col', { class: 'w-l2' }),
      h('col', { class: 'w-name' }),
      h('col', { class: 'w-target' }),
      h('col', { class: 'w-actual' }),
      h('col', { class: 'w-num' }),
      h('col', { class: 'w-num' }),
      h('col', { class: 'w-dev' }),
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'].map(
          (t) => th(t),
        ),
      ),
    ),
    // 总分 is the last row, not a <tfoot>: a footer group would repeat on every printed page.
    h(
      'tbody',
      {},
      body,
      h(
        'tr',
        { class: 'sum-row' },
        th('总分', { colspan: 5 }),
        td(String(printed.weightTotal), {}, 'num'),
        td(fmtScore(printed.total), {}, 'num'),
        td(''),
      ),
    ),
  );

  return h(
    'article',
    { class: 'sheet', attrs: { 'aria-label': '自评表打印预览' } },
    h('h1', { class: 'sheet-title', text: '项目支出绩效自评表' }),
    h('p', { class: 'sheet-year', text: `（${form.year}年度）` }),
    projectTable,
    fundingTable,
    goalsTable,
    indicatorTable,
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

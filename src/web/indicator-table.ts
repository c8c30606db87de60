/**
 * The indicator table in the official column order (一级指标 … 偏差原因分析及改进措施), with each
 * row's final score, its one-line explanation and its flags beside it, and buttons to add,
 * remove and reorder rows.
 */
import { GRADES } from '../core/schema/choices.js';
import type { NarrativeOrigin } from '../core/narratives/index.js';
import { button } from './controls.js';
import { h, setText } from './dom.js';
import { boundField } from './fields.js';
import type { FormModel } from './form-model.js';
import { deviationPath } from './form-paths.js';
import { indicatorCellPath } from '../core/narratives/paths.js';
import { flagLabel } from '../core/schema/flags.js';
import { fmtScore } from './format.js';
import { NarrativeCell, type NarrativeActions } from './narrative-cell.js';
import { rowLabel } from '../core/schema/row-number.js';

export interface RowActions {
  insertBelow(index: number): void;
  remove(index: number): void;
  move(index: number, delta: number): void;
}

interface RowView {
  main: HTMLTableRowElement;
  detail: HTMLTableRowElement;
  number: HTMLElement;
  final: HTMLElement;
  rule: HTMLElement;
  flags: HTMLElement;
  explanation: HTMLElement;
  gradeWrap: HTMLElement;
  narrative: NarrativeCell;
  flagKey: string;
}

const COLUMNS: [string, string][] = [
  ['一级指标', 'c-l1'],
  ['二级指标', 'c-l2'],
  ['三级指标', 'c-name'],
  ['年度指标值', 'c-target'],
  ['实际完成值', 'c-actual'],
  ['分值', 'c-num'],
  ['得分', 'c-num'],
  ['偏差原因分析及改进措施', 'c-dev'],
  ['核定得分', 'c-result'],
  ['操作', 'c-ops'],
];

/** 达成等级 of a qualitative row (core's), with an empty choice first. */
const GRADE_OPTIONS: [string, string][] = [['', '等级…'], ...GRADES.map((g): [string, string] => [g, g])];

/** The input cells of row `i` from 一级指标 to 得分 (with 达成等级 under 得分); `grade` is shown only when it applies. */
function rowFields(m: FormModel, i: number): { cells: HTMLTableCellElement[]; grade: HTMLElement } {
  const row = rowLabel(i);
  const path = (field: string) => indicatorCellPath(i, field);
  const text = (key: string, label: string) =>
    boundField(m, path(key), 'text', { label: `${row} ${label}`, hideLabel: true, multiline: true }).wrap;
  const num = (key: string, label: string) =>
    boundField(m, path(key), 'number', { label: `${row} ${label}`, hideLabel: true, className: 'num' }).wrap;
  const grade = boundField(m, path('grade'), 'select', {
    label: `${row} 达成等级`,
    hideLabel: false,
    options: GRADE_OPTIONS,
  }).wrap;
  grade.classList.add('grade');
  const cell = (cls: string, ...children: Node[]) => h('td', { class: cls }, ...children);
  const cells = [
    cell('c-l1', text('level1', '一级指标')),
    cell('c-l2', text('level2', '二级指标')),
    cell('c-name', text('name', '三级指标')),
    cell('c-target', text('target', '年度指标值')),
    cell('c-actual', text('actual', '实际完成值')),
    cell('c-num', num('weight', '分值')),
    cell('c-num', num('score', '得分'), grade),
  ];
  return { cells, grade };
}

/** The row under row `i`: the score's explanation and, folded, the 补充事实 for drafting. */
function detailRow(m: FormModel, i: number, explanation: HTMLElement): HTMLTableRowElement {
  const notes = boundField(m, indicatorCellPath(i, 'notes'), 'text', {
    label: `${rowLabel(i)} 补充事实（供起草参考，不打印）`,
    multiline: true,
    placeholder: '例如：原因：设备到货延迟；措施：加强采购计划管理',
  }).wrap;
  return h(
    'tr',
    { class: 'detail', dataset: { row: String(i) } },
    h(
      'td',
      { attrs: { colspan: COLUMNS.length } },
      h(
        'div',
        { class: 'detail-line' },
        explanation,
        h('details', { class: 'notes' }, h('summary', { text: '补充事实' }), notes),
      ),
    ),
  );
}

/** The editable indicator table. */
export class IndicatorTable {
  readonly el: HTMLElement;
  private readonly tbody: HTMLTableSectionElement;
  private rows: RowView[] = [];

  constructor(
    private readonly model: FormModel,
    private readonly narrativeActions: NarrativeActions,
    private readonly rowActions: RowActions,
    private readonly savedOrigin: (path: string) => NarrativeOrigin | undefined,
  ) {
    this.tbody = h('tbody');
    const table = h(
      'table',
      { class: 'indicators', attrs: { 'aria-describedby': 'indicators-help' } },
      h('caption', { class: 'vh', text: '绩效指标' }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          COLUMNS.map(([text, cls]) => h('th', { class: cls, attrs: { scope: 'col' }, text })),
        ),
      ),
      this.tbody,
    );
    this.el = h(
      'section',
      { class: 'block', attrs: { 'aria-labelledby': 'indicators-title' } },
      h('h2', { attrs: { id: 'indicators-title' }, text: '绩效指标' }),
      h('p', {
        class: 'help',
        attrs: { id: 'indicators-help' },
        text: '核定得分按所选规则口径随输入即时计算；“得分”填写自评得分。',
      }),
      h('div', { class: 'table-scroll' }, table),
      h(
        'p',
        {},
        h('button', {
          attrs: { type: 'button', 'data-action': 'add-row' },
          text: '＋ 添加指标行',
          on: { click: () => this.rowActions.insertBelow(this.model.form.indicators.length - 1) },
        }),
      ),
    );
    this.render();
  }

  /** Every narrative cell of the table, in row order. */
  narratives(): NarrativeCell[] {
    return this.rows.map((r) => r.narrative);
  }

  /** The narrative cell of a row. */
  narrativeAt(index: number): NarrativeCell | undefined {
    return this.rows[index]?.narrative;
  }

  /** Rebuilds the rows (after rows were added, removed, moved, or a new form was loaded). */
  render(): void {
    for (const row of this.rows) row.narrative.dispose();
    this.rows = this.model.form.indicators.map((_, i) => this.buildRow(i));
    this.tbody.replaceChildren(...this.rows.flatMap((r) => [r.main, r.detail]));
    this.update();
  }

  private buildRow(i: number): RowView {
    const row = rowLabel(i);
    const fields = rowFields(this.model, i);
    const narrative = new NarrativeCell(this.model, deviationPath(i), this.narrativeActions, {
      label: '偏差原因分析及改进措施',
      hideLabel: true,
      savedOrigin: this.savedOrigin,
    });
    const result = {
      final: h('strong', { class: 'final' }),
      rule: h('span', { class: 'rule' }),
      flags: h('ul', { class: 'flags', attrs: { 'aria-label': `${row} 提示` } }),
    };
    const number = h('span', { class: 'row-no', text: row });
    const main = h(
      'tr',
      { class: 'row', dataset: { row: String(i) } },
      fields.cells,
      h('td', { class: 'c-dev' }, narrative.el),
      h(
        'td',
        { class: 'c-result', attrs: { 'aria-live': 'off' } },
        h('span', { class: 'vh', text: `${row} 核定得分` }),
        result.final,
        result.rule,
        result.flags,
      ),
      h('td', { class: 'c-ops' }, number, this.rowOps(i)),
    );
    const explanation = h('span', { class: 'explanation' });
    const detail = detailRow(this.model, i, explanation);
    return { main, detail, number, ...result, explanation, gradeWrap: fields.grade, narrative, flagKey: '' };
  }

  /** The buttons that move, insert and remove row `i`. */
  private rowOps(i: number): HTMLElement {
    const row = rowLabel(i);
    const last = this.model.form.indicators.length - 1;
    const actions = this.rowActions;
    const op = (label: string, action: string, title: string, run: () => void, disabled = false) =>
      button(label, run, { class: 'icon', attrs: { 'aria-label': title, title, 'data-action': action, disabled } });
    return h(
      'span',
      { class: 'ops' },
      op('↑', 'up', `上移${row}`, () => actions.move(i, -1), i === 0),
      op('↓', 'down', `下移${row}`, () => actions.move(i, 1), i === last),
      op('＋', 'insert', `在${row}下方插入一行`, () => actions.insertBelow(i)),
      op('✕', 'remove', `删除${row}`, () => actions.remove(i)),
    );
  }

  /** Shows the latest scores, explanations and flags; touches only what changed. */
  update(): void {
    const { report } = this.model.evaluation;
    this.rows.forEach((row, i) => {
      const result = report.indicators[i];
      const indicator = this.model.form.indicators[i];
      if (!result || !indicator) return;
      setText(row.final, fmtScore(result.score));
      const differs = result.selfScore !== null && Math.abs(result.selfScore - result.score) > 0.005;
      row.final.classList.toggle('differs', differs);
      setText(row.rule, result.ruleScore === null ? '规则：—' : `规则 ${fmtScore(result.ruleScore)}`);
      setText(row.explanation, result.explanation);
      // The report's flags, and a chip of the page's own while a row that needs a text has none
      const chips: [string, string][] = result.flags.map((f) => [f, flagLabel(f)]);
      if (result.needsExplanation && !(indicator.deviation ?? '').trim())
        chips.push(['needs-explanation', '需说明偏差']);
      const key = chips.map(([name]) => name).join(',');
      if (key !== row.flagKey) {
        row.flagKey = key;
        row.flags.replaceChildren(...chips.map(([name, text]) => h('li', { class: `flag flag-${name}`, text })));
      }
      const showGrade = result.kind === 'qualitative' || Boolean(indicator.grade);
      if (row.gradeWrap.hidden === showGrade) row.gradeWrap.hidden = !showGrade;
      row.main.classList.toggle('needs-text', result.needsExplanation);
    });
  }
}

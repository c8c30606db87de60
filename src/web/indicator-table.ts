/**
 * The indicator table in the official column order (一级指标 … 偏差原因分析及改进措施), with each
 * row's final score, its one-line explanation and its flags beside it, and buttons to add,
 * remove and reorder rows.
 */
import type { NarrativeOrigin } from '../core/narratives/index.js';
import { h, setText } from './dom.js';
import { boundField } from './fields.js';
import type { FormModel } from './form-model.js';
import { deviationPath } from './form-paths.js';
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
    const m = this.model;
    const p = (key: string) => `indicators.${i}.${key}`;
    const row = rowLabel(i);
    const cell = (cls: string, ...children: (Node | string)[]) => h('td', { class: cls }, ...children);
    const text = (key: string, label: string, extra: { multiline?: boolean } = {}) =>
      boundField(m, p(key), 'text', { label: `${row} ${label}`, hideLabel: true, ...extra }).wrap;
    const num = (key: string, label: string) =>
      boundField(m, p(key), 'number', { label: `${row} ${label}`, hideLabel: true, className: 'num' }).wrap;
    const grade = boundField(m, p('grade'), 'select', {
      label: `${row} 达成等级`,
      hideLabel: false,
      options: [
        ['', '等级…'],
        ['达成', '达成'],
        ['部分达成', '部分达成'],
        ['未达成', '未达成'],
      ],
    }).wrap;
    grade.classList.add('grade');
    const narrative = new NarrativeCell(m, deviationPath(i), this.narrativeActions, {
      label: '偏差原因分析及改进措施',
      hideLabel: true,
      savedOrigin: this.savedOrigin,
    });
    const final = h('strong', { class: 'final' });
    const rule = h('span', { class: 'rule' });
    const flags = h('ul', { class: 'flags', attrs: { 'aria-label': `${row} 提示` } });
    const explanation = h('span', { class: 'explanation' });
    const number = h('span', { class: 'row-no', text: row });
    const op = (label: string, action: string, title: string, run: () => void, disabled = false) =>
      h('button', {
        class: 'icon',
        attrs: { type: 'button', 'aria-label': title, title, 'data-action': action, disabled },
        text: label,
        on: { click: run },
      });
    const last = m.form.indicators.length - 1;
    const main = h(
      'tr',
      { class: 'row', dataset: { row: String(i) } },
      cell('c-l1', text('level1', '一级指标', { multiline: true })),
      cell('c-l2', text('level2', '二级指标', { multiline: true })),
      cell('c-name', text('name', '三级指标', { multiline: true })),
      cell('c-target', text('target', '年度指标值', { multiline: true })),
      cell('c-actual', text('actual', '实际完成值', { multiline: true })),
      cell('c-num', num('weight', '分值')),
      cell('c-num', num('score', '得分'), grade),
      cell('c-dev', narrative.el),
      h(
        'td',
        { class: 'c-result', attrs: { 'aria-live': 'off' } },
        h('span', { class: 'vh', text: `${row} 核定得分` }),
        final,
        rule,
        flags,
      ),
      cell(
        'c-ops',
        number,
        h(
          'span',
          { class: 'ops' },
          op('↑', 'up', `上移${row}`, () => this.rowActions.move(i, -1), i === 0),
          op('↓', 'down', `下移${row}`, () => this.rowActions.move(i, 1), i === last),
          op('＋', 'insert', `在${row}下方插入一行`, () => this.rowActions.insertBelow(i)),
          op('✕', 'remove', `删除${row}`, () => this.rowActions.remove(i)),
        ),
      ),
    );
    const notes = boundField(m, p('notes'), 'text', {
      label: `${row} 补充事实（供起草参考，不打印）`,
      multiline: true,
      placeholder: '例如：原因：设备到货延迟；措施：加强采购计划管理',
    }).wrap;
    const detail = h(
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
    return { main, detail, number, final, rule, flags, explanation, gradeWrap: grade, narrative, flagKey: '' };
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

/**
 * The form laid out like the official 项目支出绩效自评表: title and year, project block, funding
 * block, 年度总体目标, the indicator table and 总分, with the score panel beside it. Every keystroke
 * rescores the form in the page and updates only the cells whose numbers changed.
 */
import { FUNDING_UNITS } from '../core/schema/choices.js';
import type { ReportIssue } from '../core/index.js';
import { listProfiles } from '../core/profiles/index.js';
import type { NarrativeOrigin } from '../core/narratives/index.js';
import { h, setText } from './dom.js';
import { boundField, markFieldIssues, refreshFields, type FieldOptions } from './fields.js';
import type { Change, FormModel } from './form-model.js';
import { fmtPercent, fmtScore } from './format.js';
import { IndicatorTable, type RowActions } from './indicator-table.js';
import { NarrativeCell, type NarrativeActions } from './narrative-cell.js';
import { ScorePanel, allIssues } from './score-panel.js';
import { isNarrativePath, narrativeRowIndex } from '../core/narratives/paths.js';

export interface EditorOptions {
  narrativeActions: NarrativeActions;
  rowActions: RowActions;
  /** Origin of the saved text of a cell, as the server reported it. */
  savedOrigin: (path: string) => NarrativeOrigin | undefined;
}

const FUNDING_ROWS: [string, string][] = [
  ['total', '年度资金总额'],
  ['appropriation', '其中：当年财政拨款'],
  ['carryover', '上年结转资金'],
  ['other', '其他资金'],
];
const AMOUNTS: [string, string][] = [
  ['initial', '年初预算数'],
  ['annual', '全年预算数'],
  ['executed', '全年执行数'],
];

/** The whole editor for one form. */
export class FormEditor {
  readonly el: HTMLElement;
  readonly main: HTMLElement;
  readonly table: IndicatorTable;
  readonly panel: ScorePanel;
  readonly goals: NarrativeCell;
  private readonly fundingRate = h('span', { attrs: { 'data-testid': 'funding-rate' } });
  private readonly fundingScore = h('strong', { class: 'final', attrs: { 'data-testid': 'funding-score' } });
  private readonly fundingExplanation = h('p', { class: 'explanation' });
  private readonly weightSum = h('span');
  private readonly totalCell = h('strong', { class: 'final' });
  private recheckTimer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: () => void;

  constructor(
    private readonly model: FormModel,
    options: EditorOptions,
  ) {
    const m = model;
    const field = (path: string, label: string, extra: Partial<FieldOptions> = {}) =>
      boundField(m, path, 'text', { label, ...extra }).wrap;
    const profiles = listProfiles().map((p): [string, string] => [p.id, p.name]);

    const title = h(
      'header',
      { class: 'form-title' },
      h('h1', { text: '项目支出绩效自评表' }),
      h(
        'div',
        { class: 'title-fields' },
        boundField(m, 'year', 'number', { label: '年度', integer: true, className: 'year' }).wrap,
        boundField(m, 'profile', 'select', { label: '规则口径', options: profiles }).wrap,
      ),
    );

    const project = h(
      'section',
      { class: 'block project', attrs: { 'aria-labelledby': 'project-title' } },
      h('h2', { class: 'vh', attrs: { id: 'project-title' }, text: '项目信息' }),
      h('div', { class: 'grid grid-1' }, field('project.name', '项目名称')),
      h(
        'div',
        { class: 'grid grid-2' },
        field('project.department', '主管部门'),
        field('project.implementer', '实施单位'),
      ),
      h('div', { class: 'grid grid-2' }, field('project.manager', '项目负责人'), field('project.phone', '联系电话')),
    );

    const unit = boundField(m, 'funding.unit', 'select', {
      label: '金额单位',
      options: FUNDING_UNITS.map((u) => [u, u]),
    }).wrap;
    const fundingBody = h(
      'tbody',
      {},
      FUNDING_ROWS.map(([key, label]) => {
        const num = (path: string, cellLabel: string) =>
          h(
            'td',
            {},
            boundField(m, path, 'number', { label: `${label} ${cellLabel}`, hideLabel: true, className: 'num' }).wrap,
          );
        const isTotal = key === 'total';
        return h(
          'tr',
          {},
          h('th', { attrs: { scope: 'row' }, text: label }),
          AMOUNTS.map(([amount, amountLabel]) => num(`funding.${key}.${amount}`, amountLabel)),
          isTotal ? num('funding.weight', '分值') : h('td', { class: 'dash', text: '—' }),
          isTotal ? h('td', {}, this.fundingRate) : h('td', { class: 'dash', text: '—' }),
          isTotal ? num('funding.total.score', '自评得分') : h('td', { class: 'dash', text: '—' }),
          isTotal
            ? h('td', { class: 'c-result' }, h('span', { class: 'vh', text: '资金核定得分' }), this.fundingScore)
            : h('td', { class: 'dash', text: '' }),
        );
      }),
    );
    const funding = h(
      'section',
      { class: 'block funding', attrs: { 'aria-labelledby': 'funding-title' } },
      h('div', { class: 'block-head' }, h('h2', { attrs: { id: 'funding-title' }, text: '项目资金' }), unit),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'funding-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('td', {}),
              AMOUNTS.map(([, label]) => h('th', { attrs: { scope: 'col' }, text: label })),
              ['分值', '执行率', '得分', '核定得分'].map((t) => h('th', { attrs: { scope: 'col' }, text: t })),
            ),
          ),
          fundingBody,
        ),
      ),
      this.fundingExplanation,
      h(
        'details',
        { class: 'notes' },
        h('summary', { text: '执行率偏低原因（如需）' }),
        field('funding.reason', '执行率偏低或预算调整的原因', { multiline: true }),
      ),
    );

    this.goals = new NarrativeCell(m, 'goals.actual', options.narrativeActions, {
      label: '实际完成情况',
      savedOrigin: options.savedOrigin,
    });
    const goals = h(
      'section',
      { class: 'block goals', attrs: { 'aria-labelledby': 'goals-title' } },
      h('h2', { attrs: { id: 'goals-title' }, text: '年度总体目标' }),
      h(
        'div',
        { class: 'grid grid-2 goals-grid' },
        field('goals.expected', '预期目标', { multiline: true, className: 'tall' }),
        this.goals.el,
      ),
      h(
        'details',
        { class: 'notes' },
        h('summary', { text: '补充事实（供起草参考，不打印）' }),
        field('goals.notes', '年度总体目标 补充事实', { multiline: true }),
      ),
    );

    this.table = new IndicatorTable(m, options.narrativeActions, options.rowActions, options.savedOrigin);

    const totals = h(
      'section',
      { class: 'block totals-row', attrs: { 'aria-labelledby': 'sum-title' } },
      h('h2', { class: 'vh', attrs: { id: 'sum-title' }, text: '总分' }),
      h(
        'div',
        { class: 'grid grid-3' },
        h('div', { class: 'field' }, h('span', { class: 'label', text: '分值合计' }), this.weightSum),
        boundField(m, 'selfTotal', 'number', { label: '自评总分（表上填写，可空）', className: 'num' }).wrap,
        h('div', { class: 'field' }, h('span', { class: 'label', text: '核定总分' }), this.totalCell),
      ),
    );

    this.main = h('div', { class: 'editor-main' }, title, project, funding, goals, this.table.el, totals);
    this.panel = new ScorePanel(m);
    this.el = h('div', { class: 'editor-layout' }, this.main, this.panel.el);
    this.unsubscribe = m.subscribe((change) => this.onChange(change));
    this.updateScores();
  }

  /** Stops listening to the model. */
  destroy(): void {
    this.unsubscribe();
    clearTimeout(this.recheckTimer);
  }

  /** The narrative cell of a path. */
  narrative(path: string): NarrativeCell | undefined {
    if (!isNarrativePath(path)) return undefined;
    const row = narrativeRowIndex(path);
    return row === null ? this.goals : this.table.narrativeAt(row);
  }

  /** Every narrative cell, goals first. */
  narratives(): NarrativeCell[] {
    return [this.goals, ...this.table.narratives()];
  }

  private onChange(change: Change): void {
    if (change.kind === 'rows' || change.kind === 'load') {
      refreshFields(this.model, this.main);
      this.table.render();
      this.goals.recheck();
      this.updateScores();
      return;
    }
    const cell = change.path ? this.narrative(change.path) : undefined;
    if (cell && change.kind === 'value') cell.typed();
    else cell?.refresh();
    this.updateScores();
    // Numbers feed the checks and the stale marks of every text; recheck them once typing pauses.
    clearTimeout(this.recheckTimer);
    this.recheckTimer = setTimeout(() => this.recheckAll(), 150);
  }

  /**
   * Rechecks every narrative cell in slices of about 6 ms, yielding between slices, so a form
   * with fifty texts never blocks typing for more than a fraction of a frame.
   */
  private recheckAll(): void {
    const queue = this.narratives();
    const slice = () => {
      const start = performance.now();
      while (queue.length > 0 && performance.now() - start < 6) queue.shift()!.recheck();
      performance.measure('ziping:recheck-slice', { start });
      if (queue.length > 0) this.recheckTimer = setTimeout(slice, 0);
    };
    slice();
  }

  /** Recomputed numbers into the page. */
  private updateScores(): void {
    const { report, form } = this.model.evaluation;
    setText(this.fundingRate, fmtPercent(report.funding.rate));
    setText(this.fundingScore, fmtScore(report.funding.score));
    setText(this.fundingExplanation, report.funding.explanation);
    const weights =
      (form.funding?.weight ?? report.funding.weight ?? 0) + form.indicators.reduce((s, r) => s + (r.weight ?? 0), 0);
    setText(this.weightSum, String(Number(weights.toFixed(2))));
    setText(this.totalCell, fmtScore(report.total));
    this.table.update();
    this.panel.update();
    const severities = new Map<string, ReportIssue['severity']>();
    for (const issue of allIssues(this.model.evaluation))
      if (!severities.has(issue.path)) severities.set(issue.path, issue.severity);
    markFieldIssues(this.main, severities);
  }
}

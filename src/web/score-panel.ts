/**
 * The score summary beside the form: 核定总分, 自评总分, 等级 and every issue a reviewer would
 * raise, each a link that puts the cursor in its cell.
 */
import type { FieldIssue, ReportIssue } from '../core/index.js';
import { getProfile } from '../core/profiles/index.js';
import { h, setText } from './dom.js';
import { focusPath } from './fields.js';
import type { Evaluation } from './evaluation.js';
import type { FormModel } from './form-model.js';
import { inputIdFor } from './form-paths.js';
import { fmtScore, pathLabel } from './format.js';

const SEVERITY_TEXT: Record<string, string> = { error: '错误', warning: '提醒', info: '说明' };

/** A profile's name, or its id when the profile is unknown here. */
function profileName(id: string): string {
  try {
    return getProfile(id).name;
  } catch {
    return id;
  }
}

/** How many errors, warnings and notes, or that there are none. */
function countsText(issues: readonly ReportIssue[]): string {
  if (issues.length === 0) return '没有发现问题。';
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.filter((i) => i.severity === 'warning').length;
  return `${errors} 个错误，${warnings} 个提醒，${issues.length - errors - warnings} 条说明`;
}

/** One issue: its severity, a link that focuses the field, and the message. */
function issueItem(issue: ReportIssue): HTMLLIElement {
  const focus = (event: MouseEvent) => {
    event.preventDefault();
    focusPath(issue.path);
  };
  return h(
    'li',
    { class: `issue ${issue.severity}` },
    h('span', { class: 'sev', text: SEVERITY_TEXT[issue.severity] ?? issue.severity }),
    h('a', {
      attrs: { href: `#${inputIdFor(issue.path)}`, 'data-issue-path': issue.path },
      text: pathLabel(issue.path),
      on: { click: focus },
    }),
    h('span', { class: 'msg', text: issue.message }),
  );
}

/** Issues in display order: the form's own problems, then the report's (already most severe first). */
export function allIssues(evaluation: Evaluation): ReportIssue[] {
  const { validation, report } = evaluation;
  const fromSchema: ReportIssue[] = validation.map((v: FieldIssue) => ({
    severity: 'error',
    path: v.path,
    code: v.code,
    message: v.message,
  }));
  return [...fromSchema, ...report.issues];
}

/** The panel; `update` after every evaluation. */
export class ScorePanel {
  readonly el: HTMLElement;
  private readonly total = h('span', { class: 'big', attrs: { 'data-testid': 'total' } });
  private readonly selfTotal = h('span', { attrs: { 'data-testid': 'self-total' } });
  private readonly grade = h('span', { class: 'grade-badge', attrs: { 'data-testid': 'grade' } });
  private readonly profile = h('span', { class: 'profile-name' });
  private readonly counts = h('p', { class: 'issue-counts' });
  private readonly list = h('ol', { class: 'issues', attrs: { 'aria-labelledby': 'issues-title' } });
  private listKey = '';

  constructor(private readonly model: FormModel) {
    this.el = h(
      'aside',
      { class: 'score-panel', attrs: { 'aria-labelledby': 'score-title' } },
      h('h2', { attrs: { id: 'score-title' }, text: '评分' }),
      h(
        'dl',
        { class: 'totals' },
        h(
          'div',
          {},
          h('dt', { text: '核定总分' }),
          h('dd', { attrs: { 'aria-live': 'polite', 'aria-atomic': 'true' } }, this.total),
        ),
        h('div', {}, h('dt', { text: '自评总分' }), h('dd', {}, this.selfTotal)),
        h('div', {}, h('dt', { text: '等级' }), h('dd', {}, this.grade)),
      ),
      h('p', { class: 'muted' }, '口径：', this.profile),
      h('h3', { attrs: { id: 'issues-title' }, text: '问题' }),
      this.counts,
      this.list,
    );
    this.update();
  }

  /** Shows the current totals and issues. */
  update(): void {
    const { report } = this.model.evaluation;
    setText(this.total, fmtScore(report.total));
    setText(this.selfTotal, report.selfTotal === null ? '—' : fmtScore(report.selfTotal));
    setText(this.grade, report.grade);
    this.grade.dataset.grade = report.grade;
    setText(this.profile, profileName(report.profile));
    const issues = allIssues(this.model.evaluation);
    const key = JSON.stringify(issues);
    if (key === this.listKey) return;
    this.listKey = key;
    setText(this.counts, countsText(issues));
    this.list.replaceChildren(...issues.map(issueItem));
  }
}

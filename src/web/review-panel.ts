/**
 * The review on the editor page (issue #12): the status (from core's one label table), the
 * buttons this user may press (提交审核, 退回 with reasons, 通过), 整表 审核得分/审核意见, the
 * reasons of the last return, the transition record, and the review columns beside each row.
 * Only the review changes here; the form itself is locked while submitted or accepted.
 */
import { MAX_WEIGHT, REVIEW_LIMITS } from '../core/limits.js';
import { REVIEW_ACTION_LABELS, type ReviewAction } from '../core/review/transitions.js';
import { h } from './dom.js';
import { errorText } from './error-text.js';
import type { FormModel } from './form-model.js';
import { fmtTime } from './format.js';
import { getReview, putMarks, transition, type ReviewView } from './review-api.js';
import { showReviewColumns, typedRowMarks } from './review-columns.js';
import { lockEditor } from './review-lock.js';
import { toast } from './toast.js';

export interface ReviewHost {
  model: FormModel;
  /** The editor's root element (holds `table.indicators`). */
  editor: HTMLElement;
  /** Saves unsaved changes (before a submission). */
  save(): Promise<void>;
  /** Who acts (the 署名 box, without accounts). */
  author(): string | undefined;
}

export interface ReviewMount {
  /** The review section, to place above the editor. */
  el: HTMLElement;
  /** The status badge for the app bar. */
  badge: HTMLElement;
  destroy(): void;
}

const failed = (what: string, error: unknown) => toast(`${what}失败：${errorText(error)}`, { kind: 'error' });

/** The review of one form on the page: shows a view and applies what the user does to it. */
class ReviewPanel implements ReviewMount {
  readonly el = h('section', { class: 'block review', attrs: { 'aria-labelledby': 'review-title' } });
  readonly badge = h('span', { class: 'review-badge', attrs: { role: 'status' } });
  private readonly observer: MutationObserver;

  constructor(
    private readonly host: ReviewHost,
    private view: ReviewView,
  ) {
    // The table rebuilds its rows (rows added, moved, a version loaded): put the columns and the lock back
    this.observer = new MutationObserver(() => {
      const t = this.table();
      if (t && !t.querySelector('tbody .review-col') && this.hasColumns()) this.show(this.view);
      else lockEditor(host.editor, this.view.locked);
    });
    const body = this.table()?.tBodies[0];
    if (body) this.observer.observe(body, { childList: true });
    this.show(view);
  }

  destroy(): void {
    this.observer.disconnect();
  }

  private table(): HTMLTableElement | null {
    return this.host.editor.querySelector<HTMLTableElement>('table.indicators');
  }

  /** Review columns appear once the form was submitted, or for whoever may mark it. */
  private hasColumns(): boolean {
    return this.view.revision > 0 || this.view.canMark;
  }

  private show(next: ReviewView): void {
    this.view = next;
    this.badge.className = `review-badge status-${next.status}`;
    this.badge.textContent = `审核：${next.statusLabel}`;
    this.el.replaceChildren(...panelParts(next, this.act, this.saveMarks));
    const t = this.table();
    if (t && this.hasColumns()) showReviewColumns(t, next, next.canMark);
    lockEditor(this.host.editor, next.locked);
  }

  /** A transition; a submission saves unsaved changes first and stops if they could not be saved. */
  private readonly act = async (action: ReviewAction, reasons: string[]) => {
    const { host } = this;
    try {
      if (action === 'submit' && host.model.isDirty()) {
        await host.save();
        if (host.model.isDirty()) return;
      }
      const body = { reasons, version: host.model.version, author: host.author() };
      this.show(await transition(host.model.id, action, body));
      toast(`已${REVIEW_ACTION_LABELS[action]}`, { kind: 'success' });
    } catch (error) {
      failed(REVIEW_ACTION_LABELS[action], error);
    }
  };

  /** Saves 审核得分 and 审核意见 of every row and of the whole form. */
  private readonly saveMarks = async (overall: { score: number | null; comment: string }) => {
    const t = this.table();
    try {
      const marks = { rows: t ? typedRowMarks(t) : [], overall, revision: this.view.revision };
      this.show(await putMarks(this.host.model.id, marks));
      toast('审核意见已保存', { kind: 'success' });
    } catch (error) {
      failed('保存审核意见', error);
    }
  };
}

/** Reads form `host.model.id`'s review and mounts it; null (the page works without it) when it cannot be read. */
export async function mountReview(host: ReviewHost): Promise<ReviewMount | null> {
  let view: ReviewView;
  try {
    view = await getReview(host.model.id);
  } catch {
    return null;
  }
  return new ReviewPanel(host, view);
}

type Act = (action: ReviewAction, reasons: string[]) => Promise<void>;
type SaveMarks = (overall: { score: number | null; comment: string }) => Promise<void>;

/** The section's contents for `view`. */
function panelParts(view: ReviewView, act: Act, saveMarks: SaveMarks): HTMLElement[] {
  const heading = h(
    'h2',
    { attrs: { id: 'review-title' } },
    '审核 ',
    h('span', { class: `review-status status-${view.status}`, text: view.statusLabel }),
  );
  return [
    heading,
    view.locked
      ? h('p', {
          class: 'review-lock',
          text: view.status === 'accepted' ? '表单已审核通过，只读。' : '表单已提交审核，填报单位暂不能修改。',
        })
      : null,
    lastReturn(view),
    overallPart(view, saveMarks),
    actionsPart(view, act),
    transitionsPart(view),
  ].filter((x): x is HTMLElement => x !== null);
}

/** The reasons of the latest return, while the form is returned. */
function lastReturn(view: ReviewView): HTMLElement | null {
  const step = [...view.transitions].reverse().find((t) => t.action === 'return');
  if (view.status !== 'returned' || !step) return null;
  return h(
    'div',
    { class: 'review-reasons' },
    h('p', { text: `${step.by} 于 ${fmtTime(step.at)} 退回，理由：` }),
    h('ul', {}, ...step.reasons.map((r) => h('li', { text: r }))),
  );
}

/** 整表 审核得分/审核意见: inputs for a reviewer who may mark, text for everyone else. */
function overallPart(view: ReviewView, saveMarks: SaveMarks): HTMLElement | null {
  const { score, comment } = view.overall;
  if (!view.canMark) {
    if (view.revision === 0 || (score === null && comment === '')) return null;
    const text = `整表审核得分：${score ?? '—'}　审核意见：${comment || '—'}`;
    return h('p', { class: 'review-overall', text });
  }
  const scoreInput = h('input', {
    attrs: { id: 'review-score', type: 'number', min: 0, max: MAX_WEIGHT, step: 'any' },
  });
  scoreInput.value = score === null ? '' : String(score);
  const commentInput = h('textarea', {
    attrs: { id: 'review-comment', rows: 3, maxlength: REVIEW_LIMITS.maxCommentChars },
  });
  commentInput.value = comment;
  const save = () => {
    const value = scoreInput.value.trim() === '' ? null : Number(scoreInput.value);
    void saveMarks({ score: value, comment: commentInput.value.trim() });
  };
  return h(
    'div',
    { class: 'review-overall' },
    h('label', { attrs: { for: 'review-score' }, text: '整表审核得分' }),
    scoreInput,
    h('label', { attrs: { for: 'review-comment' }, text: '整表审核意见' }),
    commentInput,
    h('button', { attrs: { type: 'button', 'data-review': 'marks' }, text: '保存审核意见', on: { click: save } }),
  );
}

/** The transition buttons this user may press; 退回 asks for reasons (one per line) first. */
function actionsPart(view: ReviewView, act: Act): HTMLElement | null {
  if (view.actions.length === 0) return null;
  const reasons = h('textarea', {
    attrs: { id: 'review-reasons', rows: 3, placeholder: '每行一条理由' },
  });
  const reasonsError = h('p', { class: 'field-error', attrs: { role: 'alert' } });
  const button = (action: ReviewAction) =>
    h('button', {
      class: action === 'return' ? '' : 'primary',
      attrs: { type: 'button', 'data-review': action },
      text: REVIEW_ACTION_LABELS[action],
      on: {
        click: () => {
          const lines = reasons.value
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean);
          if (action === 'return' && lines.length === 0) {
            reasonsError.textContent = '退回时必须写明理由';
            reasons.focus();
            return;
          }
          void act(action, action === 'return' ? lines : []);
        },
      },
    });
  const canReturn = view.actions.includes('return');
  return h(
    'div',
    { class: 'review-actions' },
    canReturn ? h('label', { attrs: { for: 'review-reasons' }, text: '退回理由' }) : null,
    canReturn ? reasons : null,
    canReturn ? reasonsError : null,
    h('p', {}, ...view.actions.map(button)),
  );
}

/** Who did what when, newest last. */
function transitionsPart(view: ReviewView): HTMLElement | null {
  if (view.transitions.length === 0) return null;
  return h(
    'details',
    { class: 'review-transitions' },
    h('summary', { text: `流转记录（${view.transitions.length}）` }),
    h(
      'ol',
      {},
      ...view.transitions.map((t) =>
        h('li', {
          text:
            `${fmtTime(t.at)} ${t.by} ${REVIEW_ACTION_LABELS[t.action]}（第 ${t.formVersion} 版）` +
            (t.reasons.length ? `：${t.reasons.join('；')}` : ''),
        }),
      ),
    ),
  );
}

/**
 * The review on the editor page (issue #12): the status (from core's one label table), the
 * buttons this user may press (提交审核, 退回 with reasons, 通过), 整表 审核得分/审核意见, the
 * reasons of the last return, the transition record, and the review columns beside each row.
 * Only the review changes here; the form itself is locked while submitted or accepted.
 */
import { REVIEW_ACTION_LABELS, type ReviewAction } from '../core/review/transitions.js';
import { ApiError } from './api-client.js';
import { h } from './dom.js';
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

const failed = (what: string, error: unknown) =>
  toast(`${what}失败：${error instanceof ApiError ? error.message : String(error)}`, { kind: 'error' });

/** Reads form `host.model.id`'s review and mounts it; null (the page works without it) when it cannot be read. */
export async function mountReview(host: ReviewHost): Promise<ReviewMount | null> {
  let view: ReviewView;
  try {
    view = await getReview(host.model.id);
  } catch {
    return null;
  }
  const el = h('section', { class: 'block review', attrs: { 'aria-labelledby': 'review-title' } });
  const badge = h('span', { class: 'review-badge', attrs: { role: 'status' } });
  const table = () => host.editor.querySelector<HTMLTableElement>('table.indicators');

  const show = (next: ReviewView) => {
    view = next;
    badge.className = `review-badge status-${view.status}`;
    badge.textContent = `审核：${view.statusLabel}`;
    el.replaceChildren(...panelParts(view, act, saveMarks));
    const t = table();
    if (t && (view.revision > 0 || view.canMark)) showReviewColumns(t, view, view.canMark);
    lockEditor(host.editor, view.locked);
  };

  const act = async (action: ReviewAction, reasons: string[]) => {
    try {
      if (action === 'submit' && host.model.isDirty()) {
        await host.save();
        if (host.model.isDirty()) return;
      }
      const body = { reasons, version: host.model.version, author: host.author() };
      show(await transition(host.model.id, action, body));
      toast(`已${REVIEW_ACTION_LABELS[action]}`, { kind: 'success' });
    } catch (error) {
      failed(REVIEW_ACTION_LABELS[action], error);
    }
  };

  const saveMarks = async (overall: { score: number | null; comment: string }) => {
    const t = table();
    try {
      show(await putMarks(host.model.id, { rows: t ? typedRowMarks(t) : [], overall, revision: view.revision }));
      toast('审核意见已保存', { kind: 'success' });
    } catch (error) {
      failed('保存审核意见', error);
    }
  };

  // The table rebuilds its rows (rows added, moved, a version loaded): put the columns and the lock back
  const observer = new MutationObserver(() => {
    const t = table();
    if (t && !t.querySelector('tbody .review-col') && (view.revision > 0 || view.canMark)) show(view);
    else lockEditor(host.editor, view.locked);
  });
  const body = table()?.tBodies[0];
  if (body) observer.observe(body, { childList: true });
  show(view);
  return { el, badge, destroy: () => observer.disconnect() };
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
    attrs: { id: 'review-score', type: 'number', min: 0, max: 100, step: 'any' },
  });
  scoreInput.value = score === null ? '' : String(score);
  const commentInput = h('textarea', { attrs: { id: 'review-comment', rows: 3 } });
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

/**
 * One answer of the revision chat, shown as a proposal: a diff against the cell's current text,
 * its length against the limit, the numbers the checks cannot trace, the service's notice, and
 * 采纳 / 放弃. Nothing changes the cell until the user accepts.
 */
import type { DraftDone } from './api-client.js';
import { button } from './controls.js';
import { renderDiff } from './diff-view.js';
import { h } from './dom.js';
import type { CellChecks } from './text-marks.js';

/** The figures of a proposal: length against the limit, then the numbers nothing in the form supports. */
function checkParts(checks: CellChecks): Node[] {
  const over = checks.length > checks.maxChars ? ' over' : '';
  const parts: Node[] = [h('p', { class: `proposal-meta${over}` }, `${checks.length}/${checks.maxChars}字`)];
  const unknown = checks.marks.filter((m) => m.kind === 'unknown-number').map((m) => m.title);
  if (unknown.length)
    parts.push(
      h(
        'ul',
        { class: 'findings' },
        unknown.map((t) => h('li', { text: t })),
      ),
    );
  return parts;
}

/**
 * 采纳 and 放弃 with a status line. The first click removes both buttons, marks `turn` accepted or
 * rejected and calls `decide`.
 */
function decisionButtons(turn: HTMLElement, decide: (accepted: boolean) => void) {
  const status = h('p', { class: 'proposal-status' });
  const choose = (accepted: boolean) => {
    accept.remove();
    reject.remove();
    status.textContent = accepted ? '已采纳（保存后生效）' : '已放弃';
    turn.classList.add(accepted ? 'accepted' : 'rejected');
    decide(accepted);
  };
  const accept = button('采纳', () => choose(true), { class: 'primary' });
  const reject = button('放弃', () => choose(false));
  return { el: h('div', { class: 'proposal-actions' }, accept, reject, status), accept };
}

/** Replaces `placeholder` (the streamed text of `turn`) with the proposal and focuses 采纳. */
export function showProposal(
  turn: HTMLElement,
  placeholder: HTMLElement,
  proposal: { before: string; result: DraftDone; checks: CellChecks },
  decide: (accepted: boolean) => void,
): void {
  const { before, result, checks } = proposal;
  const actions = decisionButtons(turn, decide);
  placeholder.replaceWith(
    renderDiff(before, result.text, '与当前文本相比'),
    ...checkParts(checks),
    ...(result.notice ? [h('p', { class: 'notice', text: result.notice })] : []),
    actions.el,
  );
  actions.accept.focus();
}

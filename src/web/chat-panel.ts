/**
 * Revising a cell by asking in words (free text or a quick action). Each answer is a proposal
 * shown as a diff against the current text, with its checks; nothing changes the cell until the
 * user accepts it.
 */
import { sameSnapshot } from '../core/narratives/index.js';
import { errorText } from './error-text.js';
import { streamRevision, type DraftDone } from './api-client.js';
import { openDialog } from './dialogs.js';
import { renderDiff } from './diff-view.js';
import { checkCell } from './draft-checks.js';
import { originOfDraft } from './draft-panel.js';
import { h, uniqueId } from './dom.js';
import type { FormModel } from './form-model.js';
import { pathLabel } from './format.js';

const QUICK_ACTIONS = ['精简', '更正式', '补充改进措施'];

/** Opens the revision chat of one narrative cell. */
export function openChat(model: FormModel, path: string, options: { onAccepted?: () => void } = {}): void {
  const current = h('div', { class: 'chat-current', attrs: { 'data-testid': 'chat-current' } });
  const log = h('ol', { class: 'chat-log', attrs: { 'aria-label': '对话记录', 'aria-live': 'polite' } });
  const inputId = uniqueId('chat-msg');
  const limitId = uniqueId('chat-limit');
  const message = h('textarea', { attrs: { id: inputId, rows: 2, placeholder: '例如：改得更简洁，突出改进措施' } });
  const limit = h('input', {
    class: 'num short',
    attrs: { id: limitId, type: 'number', min: 10, max: 2000, value: 120 },
  });
  const controls: (HTMLButtonElement | HTMLTextAreaElement | HTMLInputElement)[] = [];
  let busy: AbortController | null = null;

  const showCurrent = () => {
    const text = String(model.get(path) ?? '');
    current.replaceChildren(text ? document.createTextNode(text) : h('em', { text: '（空）' }));
  };
  showCurrent();

  const setBusy = (on: boolean) => {
    for (const c of controls) c.disabled = on;
  };

  const send = async (request: string) => {
    const text = request.trim();
    if (!text || busy) return;
    const before = String(model.get(path) ?? '');
    const snapshot = model.snapshotOf(path);
    log.append(h('li', { class: 'turn user' }, h('span', { class: 'who', text: '我' }), h('p', { text })));
    const streaming = h('p', { class: 'streaming-text' });
    const turn = h(
      'li',
      { class: 'turn assistant', attrs: { 'aria-busy': 'true' } },
      h('span', { class: 'who', text: '建议' }),
      streaming,
    );
    log.append(turn);
    turn.scrollIntoView({ block: 'nearest' });
    busy = new AbortController();
    setBusy(true);
    let result: DraftDone | undefined;
    let sofar = '';
    try {
      result = await streamRevision(
        model.id,
        { field: path, message: text, currentText: before, ...(model.isDirty() ? { form: model.form } : {}) },
        {
          onDelta: (delta) => {
            sofar += delta;
            streaming.textContent = sofar;
          },
          onReset: () => {
            sofar = '';
            streaming.textContent = '';
          },
        },
        busy.signal,
      );
    } catch (error) {
      turn.removeAttribute('aria-busy');
      streaming.replaceWith(h('p', { class: 'error', text: `修改失败：${errorText(error)}` }));
      return;
    } finally {
      busy = null;
      setBusy(false);
    }
    turn.removeAttribute('aria-busy');
    if (!result) {
      streaming.replaceWith(h('p', { class: 'error', text: '服务没有返回修改结果' }));
      return;
    }
    const proposal = result.text;
    const { form, report } = model.evaluation;
    const checks = checkCell(proposal, form, report, path, { asProposal: true });
    const unknown = checks.marks.filter((m) => m.kind === 'unknown-number').map((m) => m.title);
    const status = h('p', { class: 'proposal-status' });
    const accept = h('button', { class: 'primary', attrs: { type: 'button' }, text: '采纳' });
    const reject = h('button', { attrs: { type: 'button' }, text: '放弃' });
    const decide = (accepted: boolean) => {
      accept.remove();
      reject.remove();
      status.textContent = accepted ? '已采纳（保存后生效）' : '已放弃';
      turn.classList.add(accepted ? 'accepted' : 'rejected');
      if (accepted) {
        model.setNarrative(
          path,
          proposal,
          originOfDraft(result),
          sameSnapshot(snapshot, model.snapshotOf(path)) ? undefined : null,
        );
        showCurrent();
        options.onAccepted?.();
      }
      message.focus();
    };
    accept.addEventListener('click', () => decide(true));
    reject.addEventListener('click', () => decide(false));
    const parts: Node[] = [
      renderDiff(before, proposal, '与当前文本相比'),
      h(
        'p',
        { class: `proposal-meta${checks.length > checks.maxChars ? ' over' : ''}` },
        `${checks.length}/${checks.maxChars}字`,
      ),
    ];
    if (unknown.length)
      parts.push(
        h(
          'ul',
          { class: 'findings' },
          unknown.map((t) => h('li', { text: t })),
        ),
      );
    if (result.notice) parts.push(h('p', { class: 'notice', text: result.notice }));
    parts.push(h('div', { class: 'proposal-actions' }, accept, reject, status));
    streaming.replaceWith(...parts);
    accept.focus();
  };

  const quick = QUICK_ACTIONS.map((label) =>
    h('button', { attrs: { type: 'button' }, text: label, on: { click: () => void send(label) } }),
  );
  const limitButton = h('button', {
    attrs: { type: 'button' },
    text: '控制字数',
    on: { click: () => void send(`控制在${limit.value || 120}字内`) },
  });
  const sendButton = h('button', { class: 'primary', attrs: { type: 'submit' }, text: '发送' });
  controls.push(...quick, limitButton, sendButton, message, limit);
  const formEl = h(
    'form',
    {
      class: 'chat-form',
      on: {
        submit: (event) => {
          event.preventDefault();
          const text = message.value;
          message.value = '';
          void send(text);
        },
      },
    },
    h(
      'div',
      { class: 'quick', attrs: { role: 'group', 'aria-label': '快捷修改' } },
      quick,
      h(
        'span',
        { class: 'limit' },
        h('label', { attrs: { for: limitId }, text: '控制在' }),
        limit,
        '字内',
        limitButton,
      ),
    ),
    h('label', { attrs: { for: inputId }, text: '修改要求' }),
    message,
    h('div', { class: 'chat-send' }, sendButton),
  );
  message.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      formEl.requestSubmit();
    }
  });

  const { result } = openDialog<void>({
    title: `对话修改：${pathLabel(path)}`,
    wide: true,
    className: 'chat-dialog',
    content: [
      h('h3', { text: '当前文本' }),
      current,
      String(model.get(path) ?? '').trim()
        ? null
        : h('p', { class: 'notice', text: '这个单元格还没有文字：请先起草或输入，再通过对话修改。' }),
      log,
      formEl,
    ],
    actions: [{ label: '关闭', value: undefined }],
  });
  message.focus();
  void result.then(() => busy?.abort());
}

/**
 * Revising a cell by asking in words (free text or a quick action). Each answer is a proposal
 * shown as a diff against the current text, with its checks; nothing changes the cell until the
 * user accepts it.
 */
import type { NarrativeSnapshot } from '../core/narratives/snapshot.js';
import { sameSnapshot } from '../core/narratives/snapshot.js';
import type { DraftDone, StreamHandlers } from './api-client.js';
import { streamRevision } from './api-stream.js';
import { showProposal } from './chat-proposal.js';
import { button } from './controls.js';
import { openDialog } from './dialogs.js';
import { h, uniqueId } from './dom.js';
import { checkCell } from './draft-checks.js';
import { originOfDraft } from './draft-panel.js';
import { errorText } from './error-text.js';
import type { FormModel } from './form-model.js';
import { pathLabel } from './format.js';

const QUICK_ACTIONS = ['精简', '更正式', '补充改进措施'];
/** The 控制字数 quick action: its default and range (a wish in words; the service still applies its own limits). */
const LENGTH_WISH = { min: 10, max: 2000, default: 120 } as const;

/** A chat turn of the assistant while it streams: the list item and the paragraph the text streams into. */
interface AssistantTurn {
  li: HTMLLIElement;
  streaming: HTMLParagraphElement;
}

/** Appends the user's message and an empty, busy assistant turn to `log`. */
function appendTurns(log: HTMLElement, text: string): AssistantTurn {
  const streaming = h('p', { class: 'streaming-text' });
  const li = h(
    'li',
    { class: 'turn assistant', attrs: { 'aria-busy': 'true' } },
    h('span', { class: 'who', text: '建议' }),
    streaming,
  );
  log.append(h('li', { class: 'turn user' }, h('span', { class: 'who', text: '我' }), h('p', { text })), li);
  li.scrollIntoView({ block: 'nearest' });
  return { li, streaming };
}

/** Stream handlers that show the text so far in `el` (a reset starts it again). */
function streamInto(el: HTMLElement): StreamHandlers {
  let sofar = '';
  return {
    onDelta: (delta) => {
      sofar += delta;
      el.textContent = sofar;
    },
    onReset: () => {
      sofar = '';
      el.textContent = '';
    },
  };
}

/** The chat of one cell: its current text, the log of turns, and the controls that send a request. */
class ChatPanel {
  readonly current = h('div', { class: 'chat-current', attrs: { 'data-testid': 'chat-current' } });
  readonly log = h('ol', { class: 'chat-log', attrs: { 'aria-label': '对话记录', 'aria-live': 'polite' } });
  readonly message = h('textarea', {
    attrs: { id: uniqueId('chat-msg'), rows: 2, placeholder: '例如：改得更简洁，突出改进措施' },
  });
  readonly limit = h('input', {
    class: 'num short',
    attrs: {
      id: uniqueId('chat-limit'),
      type: 'number',
      min: LENGTH_WISH.min,
      max: LENGTH_WISH.max,
      value: LENGTH_WISH.default,
    },
  });
  readonly controls: (HTMLButtonElement | HTMLTextAreaElement | HTMLInputElement)[] = [this.message, this.limit];
  private busy: AbortController | null = null;

  constructor(
    private readonly model: FormModel,
    private readonly path: string,
    private readonly onAccepted?: () => void,
  ) {
    this.showCurrent();
  }

  /** The cell's text in the editor now. */
  text(): string {
    return String(this.model.get(this.path) ?? '');
  }

  /** Stops the answer being streamed, if any. */
  abort(): void {
    this.busy?.abort();
  }

  /** Sends `request` and shows the answer as a proposal; ignored while an answer is streaming. */
  async send(request: string): Promise<void> {
    const text = request.trim();
    if (!text || this.busy) return;
    const before = this.text();
    const snapshot = this.model.snapshotOf(this.path);
    const turn = appendTurns(this.log, text);
    const result = await this.stream(text, before, turn);
    if (!result) return;
    const { form, report } = this.model.evaluation;
    const checks = checkCell(result.text, form, report, this.path, { asProposal: true });
    showProposal(turn.li, turn.streaming, { before, result, checks }, (accepted) => {
      if (accepted) this.accept(result, snapshot);
      this.message.focus();
    });
  }

  /** Streams the answer into the turn; on failure the turn says why and nothing is returned. */
  private async stream(text: string, before: string, turn: AssistantTurn): Promise<DraftDone | undefined> {
    const dirty = this.model.isDirty() ? { form: this.model.form } : {};
    const body = { field: this.path, message: text, currentText: before, ...dirty };
    this.busy = new AbortController();
    this.setBusy(true);
    let result: DraftDone | undefined;
    try {
      result = await streamRevision(this.model.id, body, streamInto(turn.streaming), this.busy.signal);
    } catch (error) {
      turn.li.removeAttribute('aria-busy');
      turn.streaming.replaceWith(h('p', { class: 'error', text: `修改失败：${errorText(error)}` }));
      return undefined;
    } finally {
      this.busy = null;
      this.setBusy(false);
    }
    turn.li.removeAttribute('aria-busy');
    if (!result) turn.streaming.replaceWith(h('p', { class: 'error', text: '服务没有返回修改结果' }));
    return result;
  }

  /** The proposal becomes the cell's text; stale at once when the numbers moved while it streamed. */
  private accept(result: DraftDone, snapshot: NarrativeSnapshot | null): void {
    const moved = !sameSnapshot(snapshot, this.model.snapshotOf(this.path));
    this.model.setNarrative(this.path, result.text, originOfDraft(result), moved ? null : undefined);
    this.showCurrent();
    this.onAccepted?.();
  }

  private showCurrent(): void {
    const text = this.text();
    this.current.replaceChildren(text ? document.createTextNode(text) : h('em', { text: '（空）' }));
  }

  private setBusy(on: boolean): void {
    for (const c of this.controls) c.disabled = on;
  }
}

/** The quick actions and the 控制字数 control. */
function quickActions(chat: ChatPanel): HTMLElement {
  const send = (text: string) => void chat.send(text);
  const quick = QUICK_ACTIONS.map((label) => button(label, () => send(label)));
  const limitButton = button('控制字数', () => send(`控制在${chat.limit.value || LENGTH_WISH.default}字内`));
  chat.controls.push(...quick, limitButton);
  return h(
    'div',
    { class: 'quick', attrs: { role: 'group', 'aria-label': '快捷修改' } },
    quick,
    h(
      'span',
      { class: 'limit' },
      h('label', { attrs: { for: chat.limit.id }, text: '控制在' }),
      chat.limit,
      '字内',
      limitButton,
    ),
  );
}

/** The request form: quick actions, the message (Ctrl/⌘+Enter sends) and 发送. */
function chatForm(chat: ChatPanel): HTMLFormElement {
  const sendButton = h('button', { class: 'primary', attrs: { type: 'submit' }, text: '发送' });
  chat.controls.push(sendButton);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const text = chat.message.value;
    chat.message.value = '';
    void chat.send(text);
  };
  const form = h(
    'form',
    { class: 'chat-form', on: { submit } },
    quickActions(chat),
    h('label', { attrs: { for: chat.message.id }, text: '修改要求' }),
    chat.message,
    h('div', { class: 'chat-send' }, sendButton),
  );
  chat.message.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  return form;
}

/** Opens the revision chat of one narrative cell. */
export function openChat(model: FormModel, path: string, options: { onAccepted?: () => void } = {}): void {
  const chat = new ChatPanel(model, path, options.onAccepted);
  const empty = chat.text().trim() === '';
  const { result } = openDialog<void>({
    title: `对话修改：${pathLabel(path)}`,
    wide: true,
    className: 'chat-dialog',
    content: [
      h('h3', { text: '当前文本' }),
      chat.current,
      empty ? h('p', { class: 'notice', text: '这个单元格还没有文字：请先起草或输入，再通过对话修改。' }) : null,
      chat.log,
      chatForm(chat),
    ],
    actions: [{ label: '关闭', value: undefined }],
  });
  chat.message.focus();
  void result.then(() => chat.abort());
}

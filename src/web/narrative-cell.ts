/**
 * A narrative cell (实际完成情况, 偏差原因分析及改进措施): a textarea with the checks drawn behind
 * its text (numbers not found in the form, 〔待补充〕 placeholders, text past the limit), the
 * character count against the limit, where the text came from, a stale mark when the numbers
 * moved after it was written, and the draft / revise / history buttons.
 */
import type { NarrativeOrigin } from '../core/narratives/index.js';
import { defaultMaxChars } from '../core/narratives/max-chars.js';
import { loadChecker, loadedChecker } from './cell-checker.js';
import { markRuns, type CellChecks } from './text-marks.js';
import { h, hiddenLabel, setText } from './dom.js';
import type { FormModel } from './form-model.js';
import { inputIdFor } from './form-paths.js';
import { countChars } from '../core/narrative/format.js';
import { pathLabel } from './format.js';

export interface NarrativeActions {
  draft(path: string): void;
  chat(path: string): void;
  history(path: string): void;
  undo(path: string): void;
}

/**
 * The checks of a long form's fifty texts are not free (the goals cell checks numbers against the
 * whole form), so a cell out of view defers them until it scrolls into view.
 */
const cells = new WeakMap<Element, NarrativeCell>();
const visibility =
  typeof IntersectionObserver === 'undefined'
    ? null
    : new IntersectionObserver(
        (entries) => {
          for (const entry of entries) cells.get(entry.target)?.setVisible(entry.isIntersecting);
        },
        { rootMargin: '300px 0px' },
      );

/** Chinese description of where a text came from. */
export function originLabel(origin: NarrativeOrigin | undefined | null): string {
  if (!origin) return '';
  if (origin.kind === 'builtin') return '内置起草';
  if (origin.kind === 'model') return origin.model ? `模型起草 · ${origin.model}` : '模型起草';
  return '人工填写';
}

/** One narrative cell bound to a path of the model. */
export class NarrativeCell {
  readonly el: HTMLElement;
  readonly textarea: HTMLTextAreaElement;
  private readonly backdrop: HTMLElement;
  private readonly count: HTMLElement;
  private readonly origin: HTMLElement;
  private readonly stale: HTMLElement;
  private readonly findings: HTMLElement;
  private readonly undoButton: HTMLButtonElement;
  private readonly buttons: HTMLButtonElement[];
  /** The text the current checks are for (null: none yet, or the numbers changed since). */
  private lastChecked: string | null = null;
  private visible = false;
  private pending = false;
  private streaming = false;
  checks: CellChecks | null = null;

  constructor(
    private readonly model: FormModel,
    public path: string,
    private readonly actions: NarrativeActions,
    options: { label: string; hideLabel?: boolean; savedOrigin?: (path: string) => NarrativeOrigin | undefined },
  ) {
    this.savedOrigin = options.savedOrigin ?? (() => undefined);
    const id = inputIdFor(path);
    this.textarea = h('textarea', { class: 'narrative-input', attrs: { id, rows: 3, spellcheck: false } });
    this.textarea.dataset.path = path;
    this.textarea.dataset.kind = 'narrative';
    this.textarea.addEventListener('input', () => {
      if (this.streaming) return;
      this.model.set(this.path, this.textarea.value);
    });
    this.backdrop = h('div', { class: 'narrative-backdrop', attrs: { 'aria-hidden': 'true' } });
    this.count = h('span', { class: 'char-count' });
    this.origin = h('span', { class: 'origin-badge' });
    // Stale clears when the text is edited: the store records a text against today's numbers only when it changes.
    this.stale = h(
      'span',
      { class: 'stale-badge', attrs: { hidden: true, title: '这段文字写于数字修改之前，请核对并修改文字' } },
      '数字已变，需复核',
    );
    this.findings = h('ul', { class: 'findings' });
    const what = pathLabel(path);
    const button = (text: string, title: string, run: () => void, cls = '') =>
      h('button', {
        class: `small ${cls}`,
        attrs: { type: 'button', 'aria-label': `${title}：${what}`, title: `${title}：${what}` },
        text,
        on: { click: run },
      });
    this.undoButton = button('撤销起草', '撤销起草，恢复原文', () => this.actions.undo(this.path), 'undo');
    this.undoButton.hidden = true;
    this.buttons = [
      button('起草', '起草', () => this.actions.draft(this.path), 'draft'),
      button('修改…', '对话修改', () => this.actions.chat(this.path), 'chat'),
      button('历史', '文本历史', () => this.actions.history(this.path), 'history'),
    ];
    const label = options.hideLabel ? hiddenLabel(id, what) : h('label', { attrs: { for: id }, text: options.label });
    this.el = h(
      'div',
      { class: 'narrative', dataset: { narrative: path } },
      label,
      h('div', { class: 'narrative-box' }, this.backdrop, this.textarea),
      h('div', { class: 'narrative-meta' }, this.count, this.origin, this.stale),
      this.findings,
      h('div', { class: 'narrative-tools' }, this.buttons, this.undoButton),
    );
    cells.set(this.el, this);
    visibility?.observe(this.el);
    this.refresh();
  }

  private readonly savedOrigin: (path: string) => NarrativeOrigin | undefined;

  /** Renames the cell after rows moved (`indicators.4.deviation` became `indicators.3.deviation`). */
  setPath(path: string): void {
    if (path === this.path) return;
    this.path = path;
    this.textarea.dataset.path = path;
    this.textarea.id = inputIdFor(path);
    this.el.dataset.narrative = path;
    const label = this.el.querySelector('label');
    if (label) label.setAttribute('for', this.textarea.id);
    this.lastChecked = null;
  }

  /** While a draft streams in, the cell is read-only and its buttons are off. */
  setStreaming(on: boolean): void {
    this.streaming = on;
    this.textarea.readOnly = on;
    this.el.classList.toggle('streaming', on);
    this.el.setAttribute('aria-busy', String(on));
    for (const b of this.buttons) b.disabled = on;
  }

  /** Shows streamed text without touching the model (the final text is set when the draft is done). */
  showStreamedText(text: string): void {
    this.textarea.value = text;
    this.drawBackdrop(text, null);
    setText(this.count, `${countChars(text)}/${this.maxChars()}字 · 起草中…`);
  }

  /** Offers (or hides) the undo of the last draft. */
  setUndoable(on: boolean): void {
    this.undoButton.hidden = !on;
  }

  /** Re-reads the text from the model and re-runs the checks if the text or the numbers changed. */
  refresh(force = false): void {
    if (this.streaming) return;
    const text = String(this.model.get(this.path) ?? '');
    if (this.textarea.value !== text) this.textarea.value = text;
    if (force) this.lastChecked = null;
    if (text !== this.lastChecked) this.check(text);
    this.drawCount(this.checks && this.lastChecked === text ? this.checks.length : countChars(text));
    const origin = this.model.metaOf(this.path)?.origin ?? this.savedOrigin(this.path);
    setText(this.origin, text.trim() ? originLabel(origin) : '');
    this.origin.dataset.kind = origin?.kind ?? '';
    this.drawStale();
  }

  /**
   * Checks `text` and draws the marks, when the checks have loaded and the cell is on screen;
   * otherwise the checks wait (see setVisible) and are loaded if they are not yet.
   */
  private check(text: string): void {
    const checkCell = loadedChecker();
    const empty = !text.trim();
    if (!empty && !(this.visible && checkCell)) {
      this.pending = true;
      if (!checkCell) void loadChecker().then(() => this.visible && this.pending && this.recheck());
      return;
    }
    this.lastChecked = text;
    this.pending = false;
    const { form, report } = this.model.evaluation;
    // An empty cell has nothing to mark; skipping its checks keeps rechecks of big forms cheap.
    this.checks =
      !empty && checkCell
        ? checkCell(text, form, report, this.path)
        : { checks: null, marks: [], length: 0, maxChars: this.maxChars(), notes: [] };
    this.drawBackdrop(text, this.checks);
    this.drawFindings(this.checks);
  }

  /** The cell's limit: the checks' (a draft may set its own), else the default of its kind. */
  private maxChars(): number {
    return this.checks?.maxChars ?? defaultMaxChars(this.path);
  }

  /** `length/limit字`, marked when over. */
  private drawCount(length: number): void {
    const maxChars = this.maxChars();
    setText(this.count, `${length}/${maxChars}字`);
    this.count.classList.toggle('over', length > maxChars);
  }

  /** Shows whether the text was written against other numbers than the form has now. */
  private drawStale(): void {
    const stale = this.model.isStale(this.path);
    this.stale.hidden = !stale;
    this.el.classList.toggle('is-stale', stale);
  }

  /**
   * While the user types: the count updates at once and the marks wait for a pause (the editor
   * rechecks every cell 150 ms after the last change), so a long form never lags under the keys.
   */
  typed(): void {
    const text = this.textarea.value;
    this.drawBackdrop(text, null);
    this.lastChecked = null;
    this.drawCount(countChars(text));
    const meta = this.model.metaOf(this.path);
    setText(this.origin, text.trim() ? originLabel(meta?.origin ?? this.savedOrigin(this.path)) : '');
    this.origin.dataset.kind = meta?.origin?.kind ?? '';
    this.drawStale();
  }

  /** Re-runs the checks after the numbers changed (the text itself may be the same). */
  recheck(): void {
    this.lastChecked = null;
    this.refresh();
  }

  /** Called as the cell scrolls in and out of view; pending checks run when it comes into view. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.pending) this.recheck();
  }

  /** Stops watching the cell's visibility (the table is being rebuilt). */
  dispose(): void {
    visibility?.unobserve(this.el);
  }

  private drawBackdrop(text: string, checks: CellChecks | null): void {
    const runs = markRuns(text, checks?.marks ?? []);
    const nodes = runs.map((run) =>
      run.mark ? h('mark', { class: run.mark.kind, text: run.text }) : document.createTextNode(run.text),
    );
    // A trailing newline needs a character after it, or the backdrop is one line shorter.
    this.backdrop.replaceChildren(...nodes, document.createTextNode(text.endsWith('\n') ? ' ' : ''));
  }

  private drawFindings(checks: CellChecks): void {
    const items: string[] = [];
    for (const mark of checks.marks) if (mark.kind !== 'placeholder') items.push(mark.title);
    if (checks.checks?.placeholders.length)
      items.push(`有${checks.checks.placeholders.length}处待补充：${checks.checks.placeholders.join('、')}`);
    items.push(...checks.notes);
    const unique = [...new Set(items)];
    this.findings.replaceChildren(...unique.map((text) => h('li', { text })));
    this.findings.hidden = unique.length === 0;
  }
}

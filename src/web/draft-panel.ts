/**
 * Drafting from the page: one cell with one click, the text streaming into the cell; or every
 * cell that needs a text, with a progress display and a stop button. A draft replaces the cell's
 * text only when it is complete, and can be undone (AI text must never be a one-way door).
 */
import type { NarrativeOrigin } from '../core/narratives/origin.js';
import { sameSnapshot, type NarrativeSnapshot } from '../core/narratives/snapshot.js';
import { cellsNeedingText as libraryCells, isFillerText } from '../drafting/batch.js';
import { errorText } from './error-text.js';
import type { BatchItem, DraftDone } from './api-client.js';
import { h, setText } from './dom.js';
import type { FormEditor } from './form-editor.js';
import type { FormModel } from './form-model.js';
import type { CellMeta } from './narrative-metas.js';
import type { DraftRun } from './draft-run.js';
import { pathLabel } from './format.js';
import { toast } from './toast.js';

/** The origin recorded for a finished draft. */
export function originOfDraft(done: DraftDone): NarrativeOrigin {
  const kind = done.drafter === 'model' || (done.model && done.drafter !== 'builtin') ? 'model' : 'builtin';
  const origin: NarrativeOrigin = { kind };
  if (done.drafter) origin.drafter = done.drafter;
  if (done.model && kind === 'model') origin.model = done.model;
  if (done.promptId) origin.promptId = done.promptId;
  if (done.promptVersion !== undefined) origin.promptVersion = done.promptVersion;
  return origin;
}

/**
 * The cells "draft all" fills: the drafting library's list (every deviation the rules require
 * whose text is empty or filler like 无), and 实际完成情况 only when it is filler too: a person's
 * text is never replaced in bulk.
 */
export function cellsNeedingText(model: FormModel): string[] {
  const { form, report } = model.evaluation;
  return libraryCells(form, report).filter((path) => path !== 'goals.actual' || isFillerText(form.goals?.actual));
}

/** The streaming code, loaded with the first draft: opening a form does not wait for it (first-load budget). */
const loadStreaming = () => Promise.all([import('./draft-run.js'), import('./api-stream.js')]);

interface UndoEntry {
  text: string;
  meta: CellMeta;
}

/** Runs drafts for an editor and shows their progress. */
export class DraftController {
  /** The progress bar (placed by the page under the app bar). */
  readonly progressEl: HTMLElement;
  private readonly progressBar = h('progress', { attrs: { max: 1, value: 0, 'aria-label': '起草进度' } });
  private readonly progressText = h('span', { attrs: { 'data-testid': 'draft-progress' } });
  private readonly undo = new Map<string, UndoEntry>();
  private running: AbortController | null = null;

  constructor(
    private readonly model: FormModel,
    private readonly editor: () => FormEditor,
  ) {
    this.progressEl = h(
      'div',
      { class: 'draft-progress', attrs: { hidden: true, role: 'status', 'aria-live': 'polite' } },
      this.progressText,
      this.progressBar,
      h('button', {
        class: 'small',
        attrs: { type: 'button' },
        text: '停止',
        on: { click: () => this.running?.abort() },
      }),
    );
  }

  /** True while a draft is being written. */
  get busy(): boolean {
    return this.running !== null;
  }

  /** Drafts one cell. */
  async draftOne(path: string): Promise<void> {
    await this.run([path], { field: path });
  }

  /** Drafts every cell that needs a text. */
  async draftAll(): Promise<void> {
    const paths = cellsNeedingText(this.model);
    if (paths.length === 0) {
      toast('没有需要起草的单元格：实际完成情况和需要说明的偏差原因都已填写。');
      return;
    }
    await this.run(paths, { fields: paths });
  }

  /** Puts back the text a draft replaced. */
  undoDraft(path: string): void {
    const entry = this.undo.get(path);
    if (!entry) return;
    this.undo.delete(path);
    this.model.restoreCell(path, entry.text, entry.meta);
    this.editor().narrative(path)?.setUndoable(false);
    toast(`已恢复${pathLabel(path)}的原文`);
  }

  /** Forgets undo entries (after a save or when rows move, the paths no longer line up). */
  clearUndo(): void {
    for (const path of this.undo.keys()) this.editor().narrative(path)?.setUndoable(false);
    this.undo.clear();
  }

  private async run(paths: string[], spec: { field: string } | { fields: string[] }): Promise<void> {
    if (this.running) {
      toast('正在起草，请等当前起草完成或先停止。');
      return;
    }
    const controller = new AbortController();
    this.running = controller;
    const batch = 'fields' in spec;
    const streaming = await loadStreaming().catch((error: unknown) => {
      this.running = null;
      toast(`起草失败：${errorText(error)}`, { kind: 'error' });
    });
    if (!streaming) return;
    const [{ DraftRun }, { streamDrafts }] = streaming;
    const run = new DraftRun(paths, {
      cell: (path) => this.editor().narrative(path),
      snapshotOf: (path) => this.model.snapshotOf(path),
      accept: (path, done, snapshot) => this.accept(path, done, snapshot),
      progress: (done, current) => this.showProgress(paths.length, done, current),
    });
    for (const path of paths) this.editor().narrative(path)?.setStreaming(true);
    if (batch) run.progress(0);
    try {
      const unsaved = this.model.isDirty() ? this.model.form : null;
      const result = await streamDrafts(this.model.id, unsaved, spec, run.handlers(), controller.signal);
      this.finish(run, result, batch);
    } catch (error) {
      if ((error as Error).name === 'AbortError')
        toast(run.settled.size > 0 ? `已停止，已起草 ${run.settled.size} 处。` : '已停止起草。');
      else toast(`起草失败：${errorText(error)}`, { kind: 'error' });
    } finally {
      this.running = null;
      this.endStreaming(paths);
    }
  }

  /** Settles what the final answer holds and says how the run went. */
  private finish(run: DraftRun, result: unknown, batch: boolean): void {
    // One cell answers with its DraftResult; a batch with { total, items } (also the JSON answer).
    const items = batch
      ? ((result as { items?: BatchItem[] }).items ?? [])
      : [{ path: run.paths[0]!, ok: true, result: result as DraftDone }];
    for (const item of items) run.settle(item);
    const drafted = items.filter((i) => i.ok).length;
    if (run.failed.length > 0) toast(`有 ${run.failed.length} 处起草失败：${run.failed.join('；')}`, { kind: 'error' });
    else if (batch) toast(`已起草 ${drafted} 处，请逐一核对后保存。`, { kind: 'success' });
  }

  /** The progress line: the cell being written and how many are done. */
  private showProgress(total: number, done: number, current: string | undefined): void {
    this.progressEl.hidden = false;
    this.progressBar.max = total;
    this.progressBar.value = done;
    setText(
      this.progressText,
      done < total && current
        ? `正在起草（已完成 ${done}/${total}）：${pathLabel(current)}`
        : `已完成 ${done}/${total}`,
    );
  }

  /** The run is over: every cell stops streaming and shows its checks again; the progress hides. */
  private endStreaming(paths: string[]): void {
    for (const path of paths) {
      const cell = this.editor().narrative(path);
      cell?.setStreaming(false);
      cell?.refresh(true);
    }
    this.progressEl.hidden = true;
  }

  /** A finished draft becomes the cell's text (undoable). */
  private accept(path: string, done: DraftDone, snapshot: NarrativeSnapshot | null): void {
    const meta = this.model.metaOf(path);
    if (!meta) return;
    if (!this.undo.has(path)) this.undo.set(path, { text: String(this.model.get(path) ?? ''), meta: { ...meta } });
    const cell = this.editor().narrative(path);
    cell?.setStreaming(false);
    // The row's flags and final score can depend on its text, so the baseline is taken with the
    // new text in place; only numbers that moved while the draft streamed make it stale at once.
    const numbersMoved = !sameSnapshot(snapshot, this.model.snapshotOf(path));
    this.model.setNarrative(path, done.text, originOfDraft(done), numbersMoved ? null : undefined);
    cell?.setUndoable(true);
    if (done.notice) toast(`${pathLabel(path)}：${done.notice}`);
  }
}

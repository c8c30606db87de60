/**
 * Saving the editor's form: the save status in the app bar, the working copy kept in this browser
 * as the user types, the save itself (refused while drafting or while the form has errors) and a
 * version conflict resolved by merging.
 */
import type { FormInput } from '../core/index.js';
import type { NarrativeOrigin } from '../core/narratives/index.js';
import { ApiError, formHistory, getForm, updateForm, type FormView } from './api-client.js';
import { resolveConflict } from './conflict.js';
import { h, setText } from './dom.js';
import type { DraftController } from './draft-panel.js';
import { focusPath } from './fields.js';
import type { FormModel, NarrativeStates } from './form-model.js';
import { clone } from './form-paths.js';
import { pathLabel } from './format.js';
import { clearUnsaved } from './local-draft-store.js';
import { toast } from './toast.js';
import { stashUnsaved } from './editor-unsaved.js';

/** Milliseconds of quiet typing before the working copy is kept in this browser. */
const PERSIST_DELAY_MS = 250;

/** Saves one editor's form and shows where saving stands. */
export class EditorSaver {
  /** The save status shown in the app bar. */
  readonly status = h('span', { class: 'save-status', attrs: { role: 'status', 'data-testid': 'save-status' } });
  /** What the server said about the saved narrative cells. */
  private saved: NarrativeStates;
  private saving = false;
  /** True while the conflict dialog is open. */
  private resolving = false;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly model: FormModel,
    private readonly drafts: DraftController,
    private readonly author: () => string | undefined,
    saved: NarrativeStates,
  ) {
    this.saved = saved;
  }

  /** Origin of the saved text of a cell, as the server reported it. */
  savedOrigin(path: string): NarrativeOrigin | undefined {
    return this.saved[path]?.origin;
  }

  /** Shows the version and whether there are unsaved changes, in the status and the tab title. */
  updateStatus(): void {
    const { model, saving } = this;
    const dirty = model.isDirty();
    const text = saving
      ? '保存中…'
      : dirty
        ? `第${model.version}版 · 有未保存的修改（已暂存在本机）`
        : `第${model.version}版 · 已保存`;
    setText(this.status, text);
    this.status.dataset.state = saving ? 'saving' : dirty ? 'dirty' : 'saved';
    document.title = `${dirty ? '● ' : ''}${model.form.project?.name || '自评表'} - 绩效自评助手`;
  }

  /** After every change: updates the status and keeps the working copy once typing pauses. */
  changed(): void {
    this.updateStatus();
    clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => {
      if (this.model.isDirty()) stashUnsaved(this.model);
      else clearUnsaved(this.model.id);
    }, PERSIST_DELAY_MS);
  }

  /** When the editor closes: keeps unsaved changes now rather than after the delay. */
  close(): void {
    clearTimeout(this.persistTimer);
    if (this.model.isDirty()) stashUnsaved(this.model);
  }

  /** Saves the working copy as the next version; a conflict opens the merge dialog. */
  async save(): Promise<void> {
    // While the conflict dialog is open, Ctrl+S must not send the stale version again.
    if (this.saving || this.resolving || !this.readyToSave()) return;
    this.saving = true;
    this.updateStatus();
    try {
      await this.send();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'version_conflict') {
        this.saving = false;
        await this.handleConflict();
        return;
      }
      const issues = error instanceof ApiError ? error.issues : [];
      toast(`保存失败：${error instanceof ApiError ? error.message : String(error)}`, { kind: 'error' });
      if (issues[0]) focusPath(issues[0].path);
    } finally {
      this.saving = false;
      this.updateStatus();
    }
  }

  /** False (with a message) while a draft is running or the form has errors. */
  private readyToSave(): boolean {
    if (this.drafts.busy) {
      toast('正在起草，请等起草完成后再保存。');
      return false;
    }
    const { validation } = this.model.evaluation;
    if (validation.length === 0) return true;
    const first = validation[0]!;
    toast(`还有 ${validation.length} 处填写错误，保存前请先改正：${pathLabel(first.path)} ${first.message}`, {
      kind: 'error',
    });
    focusPath(first.path);
    return false;
  }

  /** Sends the working copy; the saved form becomes the model's base. */
  private async send(): Promise<void> {
    const { model } = this;
    const result = await updateForm(model.id, model.version, {
      form: clone(model.form),
      origins: model.origins(),
      author: this.author(),
    });
    this.saved = result.narratives ?? {};
    model.markSaved(result.version, result.form as FormInput, this.saved);
    this.drafts.clearUndo();
    if (!model.isDirty()) clearUnsaved(model.id);
    toast(`已保存，第${result.version}版`, { kind: 'success' });
  }

  /** Someone saved first: the user merges both versions, and the merge is saved on theirs. */
  private async handleConflict(): Promise<void> {
    const { model } = this;
    const latest = await latestVersion(model.id);
    if (!latest) return;
    this.resolving = true;
    const merged = await resolveConflict(model.base, model.form, latest.theirs, latest.by).finally(
      () => (this.resolving = false),
    );
    if (!merged) {
      toast('你的修改仍保留在本机，可稍后再保存。');
      return;
    }
    model.version = latest.theirs.version;
    model.base = clone(latest.theirs.form as FormInput);
    this.saved = latest.theirs.narratives ?? {};
    model.replaceForm(merged, { keepMeta: true });
    await this.save();
  }
}

/** The form as saved now and who saved it; undefined (after a message) when it cannot be read. */
async function latestVersion(id: string): Promise<{ theirs: FormView; by: { by?: string; at?: string } } | undefined> {
  try {
    const theirs = await getForm(id);
    const versions = await formHistory(id).catch(() => []);
    const last = versions[versions.length - 1];
    return { theirs, by: last ? { by: last.by, at: last.at } : {} };
  } catch (error) {
    toast(`读取最新版本失败：${error instanceof ApiError ? error.message : String(error)}`, { kind: 'error' });
    return undefined;
  }
}

/**
 * The editor page of one form: loads it (and any unsaved copy kept in this browser), wires the
 * editor to drafting, revision, history, saving and conflict resolution, and keeps unsaved
 * changes in localStorage as the user types.
 */
import type { FormInput } from '../core/index.js';
import type { NarrativeOrigin } from '../core/narratives/index.js';
import { ApiError, exportUrl, formHistory, formVersion, getForm, updateForm, type FormView } from './api-client.js';
import { openChat } from './chat-panel.js';
import { resolveConflict } from './conflict.js';
import { h, setText } from './dom.js';
import { DraftController } from './draft-panel.js';
import { focusPath } from './fields.js';
import { FormEditor } from './form-editor.js';
import { FormModel, type NarrativeStates } from './form-model.js';
import { clone } from './form-paths.js';
import { fmtTime, pathLabel } from './format.js';
import { openCellHistory, openFormHistory } from './history-panel.js';
import { clearUnsaved, ownCopy, saveUnsaved, tabId, unsavedCopies, type UnsavedCopy } from './local-draft-store.js';
import { toast } from './toast.js';

export interface PageContext {
  /** The app bar's slot for this page's buttons. */
  actions: HTMLElement;
  /** Who saves (the 署名 box). */
  author(): string | undefined;
  /** False once the user has navigated elsewhere: a slow load must not draw over the next page. */
  isCurrent?(): boolean;
}

export interface EditorPage {
  model: FormModel;
  /** Detaches global listeners. */
  destroy(): void;
}

/** Where the last opened editor keeps its model, so the print view shows unsaved text too. */
export let currentModel: FormModel | null = null;

/** Loads form `id` into `root` and returns the page. */
export async function showEditor(root: HTMLElement, id: string, ctx: PageContext): Promise<EditorPage | null> {
  root.replaceChildren(h('p', { class: 'loading', text: '正在读取自评表…' }));
  let view: FormView;
  try {
    view = await getForm(id);
  } catch (error) {
    if (ctx.isCurrent && !ctx.isCurrent()) return null;
    root.replaceChildren(
      h('h1', { text: error instanceof ApiError && error.status === 404 ? '找不到这张自评表' : '读取失败' }),
      h('p', { text: error instanceof ApiError ? error.message : String(error) }),
      h('p', {}, h('a', { attrs: { href: '#/' }, text: '返回自评表列表' })),
    );
    return null;
  }
  if (ctx.isCurrent && !ctx.isCurrent()) return null;

  const model = new FormModel(id, view.version, view.form as FormInput, view.narratives ?? {});
  let saved: NarrativeStates = view.narratives ?? {};
  const notices = h('div', { class: 'notices' });

  /** Loads an unsaved copy; a copy based on an older version keeps that base, so the save merges. */
  const adopt = async (copy: UnsavedCopy): Promise<void> => {
    if (copy.baseVersion !== model.version) {
      try {
        const old = await formVersion(id, copy.baseVersion);
        model.version = copy.baseVersion;
        model.base = clone(old.form as FormInput);
      } catch {
        // the old version is gone: the copy is compared with the current one when saved
      }
    }
    model.replaceForm(copy.form);
    model.restoreOrigins(copy.origins);
    if (copy.tab !== tabId()) clearUnsaved(id, copy.tab);
    saveUnsaved({ formId: id, baseVersion: model.version, form: model.form, origins: model.origins() });
  };

  const own = ownCopy(id);
  const others = unsavedCopies(id).filter((c) => c.tab !== tabId());
  if (own) {
    await adopt(own);
    notices.append(
      h('p', {
        class: 'notice',
        text: `已恢复本窗口未保存的修改（${fmtTime(own.at)}）。${own.baseVersion !== view.version ? `这些修改基于第${own.baseVersion}版，服务器已有第${view.version}版，保存时将合并。` : ''}`,
      }),
    );
  } else if (others.length > 0) {
    const copy = others[0]!;
    const banner = h(
      'div',
      { class: 'notice', attrs: { role: 'region', 'aria-label': '未保存的修改' } },
      h('span', {
        text: `本浏览器中还有一份这张表未保存的修改（${fmtTime(copy.at)}，基于第${copy.baseVersion}版），可能来自另一个窗口。`,
      }),
      h('button', {
        attrs: { type: 'button' },
        text: '恢复这些修改',
        on: { click: () => void adopt(copy).then(() => banner.remove()) },
      }),
      h('button', { attrs: { type: 'button' }, text: '忽略', on: { click: () => banner.remove() } }),
    );
    notices.append(banner);
  }

  let editor!: FormEditor;
  const drafts = new DraftController(model, () => editor);
  const status = h('span', { class: 'save-status', attrs: { role: 'status', 'data-testid': 'save-status' } });
  let saving = false;

  const savedOrigin = (path: string): NarrativeOrigin | undefined => saved[path]?.origin;

  const updateStatus = () => {
    const dirty = model.isDirty();
    const text = saving
      ? '保存中…'
      : dirty
        ? `第${model.version}版 · 有未保存的修改（已暂存在本机）`
        : `第${model.version}版 · 已保存`;
    setText(status, text);
    status.dataset.state = saving ? 'saving' : dirty ? 'dirty' : 'saved';
    document.title = `${dirty ? '● ' : ''}${model.form.project?.name || '自评表'} - 绩效自评助手`;
  };

  let persistTimer: ReturnType<typeof setTimeout> | undefined;
  const persist = () => {
    clearTimeout(persistTimer);
    persistTimer = setTimeout(() => {
      if (model.isDirty())
        saveUnsaved({ formId: id, baseVersion: model.version, form: model.form, origins: model.origins() });
      else clearUnsaved(id);
    }, 250);
  };

  let resolving = false;
  const save = async (): Promise<void> => {
    // While the conflict dialog is open, Ctrl+S must not send the stale version again.
    if (saving || resolving) return;
    if (drafts.busy) {
      toast('正在起草，请等起草完成后再保存。');
      return;
    }
    const { validation } = model.evaluation;
    if (validation.length > 0) {
      toast(
        `还有 ${validation.length} 处填写错误，保存前请先改正：${pathLabel(validation[0]!.path)} ${validation[0]!.message}`,
        { kind: 'error' },
      );
      focusPath(validation[0]!.path);
      return;
    }
    saving = true;
    updateStatus();
    const sent = clone(model.form);
    try {
      const result = await updateForm(id, model.version, {
        form: sent,
        origins: model.origins(),
        author: ctx.author(),
      });
      saved = result.narratives ?? {};
      model.markSaved(result.version, result.form as FormInput, saved);
      drafts.clearUndo();
      if (!model.isDirty()) clearUnsaved(id);
      toast(`已保存，第${result.version}版`, { kind: 'success' });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'version_conflict') {
        saving = false;
        await handleConflict();
        return;
      }
      const issues = error instanceof ApiError ? error.issues : [];
      toast(`保存失败：${error instanceof ApiError ? error.message : String(error)}`, { kind: 'error' });
      if (issues[0]) focusPath(issues[0].path);
    } finally {
      saving = false;
      updateStatus();
    }
  };

  const handleConflict = async (): Promise<void> => {
    let theirs: FormView;
    let by: { by?: string; at?: string } = {};
    try {
      theirs = await getForm(id);
      const versions = await formHistory(id).catch(() => []);
      const last = versions[versions.length - 1];
      if (last) by = { by: last.by, at: last.at };
    } catch (error) {
      toast(`读取最新版本失败：${error instanceof ApiError ? error.message : String(error)}`, { kind: 'error' });
      return;
    }
    resolving = true;
    const merged = await resolveConflict(model.base, model.form, theirs, by).finally(() => (resolving = false));
    if (!merged) {
      toast('你的修改仍保留在本机，可稍后再保存。');
      return;
    }
    model.version = theirs.version;
    model.base = clone(theirs.form as FormInput);
    saved = theirs.narratives ?? {};
    model.replaceForm(merged, { keepMeta: true });
    await save();
  };

  const narrativeActions = {
    draft: (path: string) => void drafts.draftOne(path),
    chat: (path: string) => openChat(model, path),
    history: (path: string) =>
      openCellHistory(model, path, (text, origin, stale) => {
        model.setNarrative(path, text, origin, stale ? null : undefined);
        toast(`已恢复${pathLabel(path)}的旧文本，保存后生效。`);
        focusPath(path);
      }),
    undo: (path: string) => drafts.undoDraft(path),
  };

  const focusRowControl = (index: number, action: string) => {
    const row = editor.main.querySelector<HTMLElement>(`tr.row[data-row="${index}"]`);
    const button = row?.querySelector<HTMLButtonElement>(`[data-action="${action}"]:not([disabled])`);
    (button ?? row?.querySelector<HTMLElement>('[data-kind]'))?.focus();
  };

  const rowActions = {
    insertBelow: (index: number) => {
      drafts.clearUndo();
      model.addRow(index + 1);
      focusPath(`indicators.${index + 1}.name`);
    },
    remove: (index: number) => {
      drafts.clearUndo();
      const name = model.form.indicators[index]?.name || `第${index + 1}行`;
      const removed = model.removeRow(index);
      if (!removed) return;
      toast(`已删除指标“${name}”`, { action: { label: '撤销', run: () => model.restoreRow(index, removed) } });
      if (model.form.indicators.length === 0)
        editor.main.querySelector<HTMLElement>('[data-action="add-row"]')?.focus();
      else focusRowControl(Math.min(index, model.form.indicators.length - 1), 'remove');
    },
    move: (index: number, delta: number) => {
      drafts.clearUndo();
      if (model.moveRow(index, delta)) focusRowControl(index + delta, delta < 0 ? 'up' : 'down');
    },
  };

  editor = new FormEditor(model, { narrativeActions, rowActions, savedOrigin });
  const unsubscribe = model.subscribe(() => {
    updateStatus();
    persist();
  });

  // The server exports the saved version: unsaved changes are saved first, then the download starts
  const exportLink = (text: string, title: string, href: string): HTMLAnchorElement => {
    const link = h('a', { class: 'button', attrs: { href, download: '', title, 'data-export': href.slice(-4) }, text });
    link.addEventListener('click', (event) => {
      if (!model.isDirty()) return;
      event.preventDefault();
      void save().then(() => {
        if (!model.isDirty()) link.click();
      });
    });
    return link;
  };
  const button = (text: string, title: string, run: () => void, cls = '') =>
    h('button', { class: cls, attrs: { type: 'button', title }, text, on: { click: run } });
  ctx.actions.replaceChildren(
    status,
    button('保存', '保存（Ctrl+S）', () => void save(), 'primary'),
    button('起草全部', '为所有需要文字的单元格起草', () => void drafts.draftAll()),
    button('历史', '表单的保存历史', () =>
      openFormHistory(model, (form, version) => {
        model.replaceForm(form);
        toast(`已载入第${version}版的内容，保存后生效。`);
      }),
    ),
    h('a', { class: 'button', attrs: { href: `#/forms/${encodeURIComponent(id)}/print` }, text: '打印预览' }),
    exportLink('导出 Excel', '下载官方版式的自评表（.xlsx）', exportUrl(id, 'xlsx')),
    exportLink('导出 Word', '下载自评表和自评报告（.docx）', exportUrl(id, 'docx')),
    button('导出 JSON', '下载这张表的 JSON 文件', () => downloadJson(model.form)),
  );

  const onKey = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void save();
    }
  };
  document.addEventListener('keydown', onKey);

  root.replaceChildren(notices, drafts.progressEl, editor.el);
  currentModel = model;
  updateStatus();

  return {
    model,
    destroy: () => {
      document.removeEventListener('keydown', onKey);
      unsubscribe();
      editor.destroy();
      clearTimeout(persistTimer);
      if (model.isDirty())
        saveUnsaved({ formId: id, baseVersion: model.version, form: model.form, origins: model.origins() });
    },
  };
}

/** Saves the form as a .json file the user can import again. */
function downloadJson(form: FormInput): void {
  const blob = new Blob([JSON.stringify(form, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = h('a', { attrs: { href: url, download: `${form.project?.name || '自评表'}-${form.year}.json` } });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The editor page of one form: loads it (and any unsaved copy kept in this browser), wires the
 * editor to drafting, revision, history, saving and conflict resolution, and keeps unsaved
 * changes in localStorage as the user types.
 */
import type { FormInput } from '../core/index.js';
import { ApiError, getForm, type FormView } from './api-client.js';
import { h } from './dom.js';
import { DraftController } from './draft-panel.js';
import { narrativeActions, rowActions } from './editor-actions.js';
import { EditorSaver } from './editor-save.js';
import { editorToolbar } from './editor-toolbar.js';
import { restoreUnsaved } from './editor-unsaved.js';
import { FormEditor } from './form-editor.js';
import { FormModel } from './form-model.js';

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

/** Ctrl/⌘+S saves; returns what removes the shortcut. */
function saveShortcut(saver: EditorSaver): () => void {
  const onKey = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void saver.save();
    }
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}

/** The editor of `model` with its drafts and saver, each action wired to the others. */
function buildEditor(model: FormModel, view: FormView, ctx: PageContext) {
  let editor!: FormEditor;
  const drafts = new DraftController(model, () => editor);
  const saver = new EditorSaver(model, drafts, ctx.author, view.narratives ?? {});
  editor = new FormEditor(model, {
    narrativeActions: narrativeActions(model, drafts),
    rowActions: rowActions(model, drafts, () => editor.main),
    savedOrigin: (path) => saver.savedOrigin(path),
  });
  return { editor, drafts, saver };
}

/** Loads form `id` into `root` and returns the page. */
export async function showEditor(root: HTMLElement, id: string, ctx: PageContext): Promise<EditorPage | null> {
  const view = await loadView(root, id, ctx);
  if (!view) return null;
  const model = new FormModel(id, view.version, view.form as FormInput, view.narratives ?? {});
  const notices = await restoreUnsaved(model, view);
  const { editor, drafts, saver } = buildEditor(model, view, ctx);
  const unsubscribe = model.subscribe(() => saver.changed());
  ctx.actions.replaceChildren(...editorToolbar(model, saver, drafts));
  const removeShortcut = saveShortcut(saver);

  // The review (issue #12): status, buttons and review columns; the form locked while submitted
  // Loaded on demand: the first-load script stays under its budget (issue #9)
  const { mountReview } = await import('./review-panel.js');
  const review = await mountReview({ model, editor: editor.el, save: () => saver.save(), author: ctx.author });
  if (review) ctx.actions.prepend(review.badge);
  root.replaceChildren(notices, drafts.progressEl, ...(review ? [review.el] : []), editor.el);
  currentModel = model;
  saver.updateStatus();
  const destroy = () => {
    removeShortcut();
    unsubscribe();
    editor.destroy();
    review?.destroy();
    saver.close();
  };
  return { model, destroy };
}

/** Reads the form, showing that it is loading; null (after saying why) when it cannot be read or the user left. */
async function loadView(root: HTMLElement, id: string, ctx: PageContext): Promise<FormView | null> {
  root.replaceChildren(h('p', { class: 'loading', text: '正在读取自评表…' }));
  try {
    const view = await getForm(id);
    return ctx.isCurrent && !ctx.isCurrent() ? null : view;
  } catch (error) {
    if (ctx.isCurrent && !ctx.isCurrent()) return null;
    root.replaceChildren(
      h('h1', { text: error instanceof ApiError && error.status === 404 ? '找不到这张自评表' : '读取失败' }),
      h('p', { text: error instanceof ApiError ? error.message : String(error) }),
      h('p', {}, h('a', { attrs: { href: '#/' }, text: '返回自评表列表' })),
    );
    return null;
  }
}

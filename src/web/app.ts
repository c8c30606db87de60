/**
 * The page's entry: a hash router over three pages (the list `#/`, the editor `#/forms/:id`, the
 * print view `#/forms/:id/print`), and the 署名 box. The schema check (zod) is loaded after the page
 * starts (evaluation.ts).
 */
import type { FormInput } from '../core/index.js';
import { hasPlaceholder } from '../core/narrative/placeholders.js';
import { narrativePathsOf, narrativeTextAt } from '../core/narratives/paths.js';
import { ApiError, getForm } from './api-client.js';
import { h } from './dom.js';
import { currentModel, showEditor, type EditorPage } from './editor-page.js';
import { evaluate, loadValidation } from './evaluation.js';
import { ownCopy, pruneUnsaved } from './local-draft-store.js';
import { allIssues } from './score-panel.js';
import { mountAccountBox } from './account-session.js';
import { session } from './session-state.js';

const AUTHOR_KEY = 'ziping:author';

function element<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el as T;
}

let page: Pick<EditorPage, 'destroy'> | null = null;
let routeSeq = 0;

function author(): string | undefined {
  // Signed in, the server records the user's name; the 署名 box is gone (issue #12)
  const value =
    document.getElementById('author') instanceof HTMLInputElement ? element<HTMLInputElement>('author').value : '';
  return value.trim() || undefined;
}

async function showPrint(root: HTMLElement, id: string): Promise<void> {
  root.replaceChildren(h('p', { class: 'loading', text: '正在准备打印预览…' }));
  const [printModule, source] = await Promise.all([
    import('./print-view.js'),
    loadValidation(), // the warnings count the schema's errors too
    (async () => {
      if (currentModel?.id === id) return { form: currentModel.form, unsaved: currentModel.isDirty() };
      const own = ownCopy(id);
      if (own) return { form: own.form, unsaved: true };
      return { form: (await getForm(id)).form as FormInput, unsaved: false };
    })(),
  ])
    .then(([module, , form]) => [module, form] as const)
    .catch((error: unknown) => {
      root.replaceChildren(
        h('p', {
          class: 'error',
          text: `无法打开打印预览：${error instanceof ApiError ? error.message : String(error)}`,
        }),
      );
      return [null, null] as const;
    });
  if (!printModule || !source) return;
  const { renderPrintPage } = printModule;
  const evaluation = evaluate(source.form);
  const warnings: string[] = [];
  if (source.unsaved) warnings.push('预览包含尚未保存的修改。');
  const errors = allIssues(evaluation).filter((i) => i.severity === 'error').length;
  if (errors) warnings.push(`表中还有 ${errors} 个错误，打印前请在编辑页改正。`);
  const texts = narrativePathsOf(evaluation.form).map((path) => narrativeTextAt(evaluation.form, path));
  const placeholders = texts.filter(hasPlaceholder).length;
  if (placeholders) warnings.push(`有 ${placeholders} 个单元格仍含待补充内容（〔待补充〕）。`);
  renderPrintPage(root, {
    form: evaluation.form,
    report: evaluation.report,
    warnings,
    backHref: `#/forms/${encodeURIComponent(id)}`,
  });
  document.title = `打印预览 - ${evaluation.form.project.name}`;
}

async function route(): Promise<void> {
  const seq = ++routeSeq;
  const root = element('main');
  const actions = element('page-actions');
  const hash = location.hash || '#/';
  page?.destroy();
  page = null;
  actions.replaceChildren();
  document.body.dataset.page = '';
  const editorMatch = /^#\/forms\/([^/]+)$/.exec(hash);
  const printMatch = /^#\/forms\/([^/]+)\/print$/.exec(hash);
  if (hash === '#/new') {
    document.body.dataset.page = 'editor';
    // A page of its own chunk: the import report it shows is read with zod
    const { showNewForm } = await import('./new-form-page.js');
    if (seq === routeSeq) page = showNewForm(root, { actions, author });
  } else if (printMatch) {
    document.body.dataset.page = 'print';
    await showPrint(root, decodeURIComponent(printMatch[1]!));
  } else if (editorMatch) {
    document.body.dataset.page = 'editor';
    const isCurrent = () => seq === routeSeq;
    const shown = await showEditor(root, decodeURIComponent(editorMatch[1]!), { actions, author, isCurrent });
    if (seq !== routeSeq) shown?.destroy();
    else page = shown;
  } else {
    document.body.dataset.page = 'list';
    document.title = '绩效自评助手';
    // A chunk of its own: opening a form (the editor's first load) does not wait for the list's code
    const { showFormList } = await import('./form-list.js');
    if (seq !== routeSeq) return;
    showFormList(root, { actions, author, open: (id) => (location.hash = `#/forms/${encodeURIComponent(id)}`) });
  }
  root.focus({ preventScroll: true });
}

function start(): void {
  void loadValidation(); // fetched while the first page loads its data
  pruneUnsaved();
  const authorInput = element<HTMLInputElement>('author');
  authorInput.value = localStorage.getItem(AUTHOR_KEY) ?? '';
  authorInput.addEventListener('change', () => localStorage.setItem(AUTHOR_KEY, authorInput.value.trim()));
  element('skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    element('main').focus();
  });
  window.addEventListener('hashchange', () => {
    // In-page anchors (#f-…) are not routes.
    if (location.hash.startsWith('#/') || location.hash === '') void route();
  });
  window.addEventListener('pagehide', () => page?.destroy());
  void mountAccountBox(element('account-box')).then(() => {
    if (!session().auth || session().user) void route();
  });
}

start();

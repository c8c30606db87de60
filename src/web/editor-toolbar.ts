/**
 * The editor's buttons in the app bar: save status, 保存, 起草全部, 历史, 打印预览 and the exports
 * (Excel, Word from the server; JSON from the page).
 */
import type { FormInput } from '../core/index.js';
import { exportUrl } from './api-client.js';
import { h } from './dom.js';
import type { DraftController } from './draft-panel.js';
import type { EditorSaver } from './editor-save.js';
import type { FormModel } from './form-model.js';
import { openFormHistory } from './history-panel.js';
import { toast } from './toast.js';

/** The app bar's contents for the editor of `model`. */
export function editorToolbar(model: FormModel, saver: EditorSaver, drafts: DraftController): HTMLElement[] {
  const id = model.id;
  return [
    saver.status,
    button('保存', '保存（Ctrl+S）', () => void saver.save(), 'primary'),
    button('起草全部', '为所有需要文字的单元格起草', () => void drafts.draftAll()),
    button('历史', '表单的保存历史', () =>
      openFormHistory(model, (form, version) => {
        model.replaceForm(form);
        toast(`已载入第${version}版的内容，保存后生效。`);
      }),
    ),
    h('a', { class: 'button', attrs: { href: `#/forms/${encodeURIComponent(id)}/print` }, text: '打印预览' }),
    exportLink(model, saver, '导出 Excel', '下载官方版式的自评表（.xlsx）', exportUrl(id, 'xlsx')),
    exportLink(model, saver, '导出 Word', '下载自评表和自评报告（.docx）', exportUrl(id, 'docx')),
    button('导出 JSON', '下载这张表的 JSON 文件', () => downloadJson(model.form)),
  ];
}

function button(text: string, title: string, run: () => void, cls = ''): HTMLButtonElement {
  return h('button', { class: cls, attrs: { type: 'button', title }, text, on: { click: run } });
}

/** The server exports the saved version: unsaved changes are saved first, then the download starts. */
function exportLink(model: FormModel, saver: EditorSaver, text: string, title: string, href: string) {
  const link = h('a', { class: 'button', attrs: { href, download: '', title, 'data-export': href.slice(-4) }, text });
  link.addEventListener('click', (event) => {
    if (!model.isDirty()) return;
    event.preventDefault();
    void saver.save().then(() => {
      if (!model.isDirty()) link.click();
    });
  });
  return link;
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

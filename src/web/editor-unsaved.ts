/**
 * Unsaved copies of a form kept in this browser (local-draft-store.ts), seen from the editor:
 * this tab's copy is restored when the editor opens, another tab's copy is offered, and the
 * working copy is kept as the user types.
 */
import type { FormInput } from '../core/index.js';
import { formVersion, type FormView } from './api-client.js';
import { h } from './dom.js';
import type { FormModel } from './form-model.js';
import { clone } from './form-paths.js';
import { fmtTime } from './format.js';
import { clearUnsaved, ownCopy, saveUnsaved, tabId, unsavedCopies, type UnsavedCopy } from './local-draft-store.js';

/** Keeps the model's working copy in this browser as this tab's unsaved copy. */
export function stashUnsaved(model: FormModel): void {
  saveUnsaved({ formId: model.id, baseVersion: model.version, form: model.form, origins: model.origins() });
}

/** Loads an unsaved copy; a copy based on an older version keeps that base, so the save merges. */
async function adopt(model: FormModel, copy: UnsavedCopy): Promise<void> {
  if (copy.baseVersion !== model.version) {
    try {
      const old = await formVersion(model.id, copy.baseVersion);
      model.version = copy.baseVersion;
      model.base = clone(old.form as FormInput);
    } catch {
      // the old version is gone: the copy is compared with the current one when saved
    }
  }
  model.replaceForm(copy.form);
  model.restoreOrigins(copy.origins);
  if (copy.tab !== tabId()) clearUnsaved(model.id, copy.tab);
  stashUnsaved(model);
}

/** The notice that this tab's copy was restored, and whether the save will merge. */
function restoredNotice(own: UnsavedCopy, serverVersion: number): HTMLElement {
  const merge =
    own.baseVersion !== serverVersion
      ? `这些修改基于第${own.baseVersion}版，服务器已有第${serverVersion}版，保存时将合并。`
      : '';
  return h('p', { class: 'notice', text: `已恢复本窗口未保存的修改（${fmtTime(own.at)}）。${merge}` });
}

/** The banner offering another tab's copy. */
function offerBanner(model: FormModel, copy: UnsavedCopy): HTMLElement {
  const banner = h(
    'div',
    { class: 'notice', attrs: { role: 'region', 'aria-label': '未保存的修改' } },
    h('span', {
      text: `本浏览器中还有一份这张表未保存的修改（${fmtTime(copy.at)}，基于第${copy.baseVersion}版），可能来自另一个窗口。`,
    }),
    h('button', {
      attrs: { type: 'button' },
      text: '恢复这些修改',
      on: { click: () => void adopt(model, copy).then(() => banner.remove()) },
    }),
    h('button', { attrs: { type: 'button' }, text: '忽略', on: { click: () => banner.remove() } }),
  );
  return banner;
}

/**
 * Restores this tab's unsaved copy of the form, or offers another tab's; returns the notices to
 * show above the editor.
 */
export async function restoreUnsaved(model: FormModel, view: FormView): Promise<HTMLElement> {
  const notices = h('div', { class: 'notices' });
  const own = ownCopy(model.id);
  const others = unsavedCopies(model.id).filter((c) => c.tab !== tabId());
  if (own) {
    await adopt(model, own);
    notices.append(restoredNotice(own, view.version));
  } else if (others.length > 0) {
    notices.append(offerBanner(model, others[0]!));
  }
  return notices;
}

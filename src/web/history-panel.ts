/**
 * The past of a form: every saved version (who, when, what changed, with diffs), and every text a
 * narrative cell has had. Restoring loads the old content into the editor as an unsaved change,
 * so a restore is itself reviewed and saved like any edit.
 */
import type { FormInput } from '../core/index.js';
import type { NarrativeOrigin } from '../core/narratives/index.js';
import { type CellHistoryEntry, cellHistory, formHistory, formVersion, type VersionEntry } from './api-client.js';
import { openDialog } from './dialogs.js';
import { renderDiff } from './diff-view.js';
import { button, buttonRow } from './controls.js';
import { type Child, h } from './dom.js';
import { errorText } from './error-text.js';
import type { FormModel } from './form-model.js';
import { flatten } from './form-paths.js';
import { fmtTime, pathLabel } from './format.js';
import { originLabel } from './narrative-cell.js';

/** One changed field: its label and a diff (text) or before → after (numbers). */
function changeItem(path: string, before: unknown, after: unknown): HTMLElement {
  const show = (v: unknown) =>
    v === null || v === undefined || v === '' ? '（空）' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const long = typeof before === 'string' && typeof after === 'string' && (before.length > 20 || after.length > 20);
  return h(
    'li',
    {},
    h('strong', { text: pathLabel(path) }),
    long
      ? renderDiff(before, after)
      : h('span', { class: 'change' }, ' ', h('del', { text: show(before) }), ' → ', h('ins', { text: show(after) })),
  );
}

/** The fields that differ between two forms, as a list. */
export function formDiffList(before: FormInput | null, after: FormInput): HTMLElement {
  const a = before ? flatten(before) : new Map<string, unknown>();
  const b = flatten(after);
  const items: HTMLElement[] = [];
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(path) ?? null;
    const y = b.get(path) ?? null;
    if (JSON.stringify(x === '' ? null : x) !== JSON.stringify(y === '' ? null : y)) items.push(changeItem(path, x, y));
  }
  return items.length ? h('ul', { class: 'changes' }, items) : h('p', { text: '与上一版相同。' });
}

/** What the version list says of one saved version: who, when, and which fields (the first four). */
function versionSummary(entry: VersionEntry): Child[] {
  const what = entry.action === 'create' ? '创建' : `改动 ${entry.changes.length} 处`;
  const more = entry.changes.length > 4 ? '…' : '';
  const fields = `（${entry.changes.slice(0, 4).map(pathLabel).join('、')}${more}）`;
  return [
    ` ${fmtTime(entry.at)} · ${entry.by} · ${what}`,
    entry.changes.length ? h('span', { class: 'muted small-text', text: fields }) : null,
  ];
}

/** Shows one version in `detail`: its changes against the version before, and a button that loads it. */
async function showVersion(detail: HTMLElement, formId: string, entry: VersionEntry, load: (form: FormInput) => void) {
  detail.replaceChildren(h('p', { text: '正在读取…' }));
  try {
    const [current, previous] = await Promise.all([
      formVersion(formId, entry.version),
      entry.version > 1 ? formVersion(formId, entry.version - 1) : Promise.resolve(null),
    ]);
    detail.replaceChildren(
      h('h3', { text: `第${entry.version}版 · ${fmtTime(entry.at)} · ${entry.by}` }),
      h('p', { class: 'muted', text: entry.version > 1 ? '与上一版相比：' : '创建时的内容：' }),
      formDiffList(previous?.form ?? null, current.form),
      buttonRow(button(`载入第${entry.version}版到编辑器`, () => load(current.form))),
    );
  } catch (error) {
    detail.replaceChildren(h('p', { class: 'error', text: errorText(error) }));
  }
}

/** Opens the list of saved versions; `restore` loads one into the editor. */
export function openFormHistory(model: FormModel, restore: (form: FormInput, version: number) => void): void {
  const list = h('ol', { class: 'versions', attrs: { reversed: true } }, h('li', { text: '正在读取…' }));
  const detail = h('div', { class: 'version-detail', attrs: { 'aria-live': 'polite' } });
  const { handle } = openDialog<void>({
    title: '表单历史',
    wide: true,
    content: h('div', { class: 'history-layout' }, list, detail),
    actions: [{ label: '关闭', value: undefined }],
  });
  const show = (entry: VersionEntry) =>
    void showVersion(detail, model.id, entry, (form) => {
      restore(form, entry.version);
      handle.close();
    });
  const item = (entry: VersionEntry) =>
    h(
      'li',
      {},
      button(`第${entry.version}版`, () => show(entry), { class: 'linklike' }),
      versionSummary(entry),
    );
  formHistory(model.id).then(
    (versions) => list.replaceChildren(...[...versions].reverse().map(item)),
    (error: unknown) => list.replaceChildren(h('li', { class: 'error', text: errorText(error) })),
  );
}

/** One saved text of a cell (`i` from the oldest): its diff against the text before, and 恢复此文本 unless current. */
function cellVersionItem(entries: CellHistoryEntry[], i: number, now: string, restore: (e: CellHistoryEntry) => void) {
  const entry = entries[i]!;
  const stale = entry.stale ? ' · 数字已变' : '';
  return h(
    'li',
    { class: 'cell-version' },
    h('h3', {
      text: `第${entry.version}版 · ${fmtTime(entry.at)} · ${entry.by} · ${originLabel(entry.origin)}${stale}`,
    }),
    renderDiff(i > 0 ? entries[i - 1]!.text : '', entry.text, i === 0 ? '首次保存' : '与前一次相比'),
    entry.text === now
      ? h('p', { class: 'muted', text: '与编辑器中的当前文本相同' })
      : buttonRow(button('恢复此文本', () => restore(entry))),
  );
}

/** Opens the saved texts of one cell; `restore` puts an old text back into the cell. */
export function openCellHistory(
  model: FormModel,
  path: string,
  restore: (text: string, origin: NarrativeOrigin, stale: boolean) => void,
): void {
  const body = h('div', { class: 'cell-history' }, h('p', { text: '正在读取…' }));
  const { handle } = openDialog<void>({
    title: `文本历史：${pathLabel(path)}`,
    wide: true,
    content: body,
    actions: [{ label: '关闭', value: undefined }],
  });
  const restoreEntry = (entry: CellHistoryEntry) => {
    restore(entry.text, entry.origin, entry.stale === true);
    handle.close();
  };
  const show = (entries: CellHistoryEntry[]) => {
    if (entries.length === 0) return body.replaceChildren(h('p', { text: '这个单元格还没有保存过文本。' }));
    const now = String(model.get(path) ?? '');
    const items = entries.map((_, i) => cellVersionItem(entries, i, now, restoreEntry));
    body.replaceChildren(h('ol', { class: 'cell-versions', attrs: { reversed: true } }, items.reverse()));
  };
  cellHistory(model.id, path).then(show, (error: unknown) =>
    body.replaceChildren(h('p', { class: 'error', text: errorText(error) })),
  );
}

/**
 * What happens when someone else saved first (409 version_conflict): the page explains who saved
 * and what they changed, merges their changes with the user's own typing, and asks only about the
 * fields both changed. Nobody's typing is dropped silently.
 */
import type { FormInput } from '../core/index.js';
import type { FormView } from './api-client.js';
import { openDialog } from './dialogs.js';
import { type Child, h, uniqueId } from './dom.js';
import { fmtTime, pathLabel } from './format.js';
import { describeValue, type MergeConflict, type MergeResult, mergeForms, resolveMerge } from './merge.js';

/** One radio choice of a conflict: `value` with its label and the value it keeps. */
function choice(name: string, value: 'mine' | 'theirs', label: string, shown: unknown, onChoose: () => void) {
  const id = uniqueId('choice');
  const input = h('input', { attrs: { type: 'radio', name, id, value, checked: value === 'mine' } });
  input.addEventListener('change', onChoose);
  const text = h(
    'label',
    { attrs: { for: id } },
    h('strong', { text: label }),
    ' ',
    h('span', { class: 'value', text: describeValue(shown) }),
  );
  return h('div', { class: 'choice' }, input, text);
}

/** A field both changed: keep mine (the default) or take theirs, recorded in `theirsFor`. */
function conflictItem(conflict: MergeConflict, who: string, theirsFor: Set<string>): HTMLLIElement {
  const name = uniqueId('conflict');
  return h(
    'li',
    { class: 'conflict' },
    h(
      'fieldset',
      {},
      h('legend', { text: pathLabel(conflict.path) }),
      choice(name, 'mine', '保留我的：', conflict.mine, () => theirsFor.delete(conflict.path)),
      choice(name, 'theirs', `采用${who}的：`, conflict.theirs, () => theirsFor.add(conflict.path)),
    ),
  );
}

/** The fields they changed, now merged into mine. */
function theirChangeList(changes: string[]): HTMLElement {
  if (changes.length === 0) return h('p', { class: 'muted', text: '（对方的改动都与你的相同）' });
  return h(
    'ul',
    { class: 'changes' },
    changes.map((p) => h('li', { text: pathLabel(p) })),
  );
}

/** The fields both changed, each a choice; or a line saying there are none. */
function conflictList(result: MergeResult, who: string, theirsFor: Set<string>): Child {
  const { conflicts } = result;
  if (conflicts.length === 0) return h('p', { text: '没有相互冲突的改动。' });
  return [
    h('h3', { text: `以下 ${conflicts.length} 处你们都改了，请选择保留哪一个：` }),
    h(
      'ol',
      { class: 'conflicts' },
      conflicts.map((c) => conflictItem(c, who, theirsFor)),
    ),
  ];
}

/** Shows the conflict; resolves with the form to save over their version, or undefined if the user waits. */
export async function resolveConflict(
  base: FormInput,
  mine: FormInput,
  theirs: FormView,
  savedBy: { by?: string; at?: string },
): Promise<FormInput | undefined> {
  const result = mergeForms(base, mine, theirs.form as FormInput);
  const who = savedBy.by ? `“${savedBy.by}”` : '其他人';
  const when = savedBy.at ? `于 ${fmtTime(savedBy.at)} ` : '';
  const theirsFor = new Set<string>();
  const content = [
    h('p', { text: `在你编辑期间，${who}${when}保存了第 ${theirs.version} 版。你的修改没有丢失。` }),
    h('h3', { text: `对方改动的 ${result.theirChanges.length} 处已合并进你的表：` }),
    theirChangeList(result.theirChanges),
    conflictList(result, who, theirsFor),
    h('p', { class: 'muted', text: `保存后将成为第 ${theirs.version + 1} 版。` }),
  ];
  const { result: answer } = openDialog<'save' | 'later'>({
    title: '别人已保存了新版本',
    wide: true,
    className: 'conflict-dialog',
    content,
    actions: [
      { label: '稍后处理', value: 'later' },
      { label: '合并后保存', value: 'save', primary: true },
    ],
  });
  return (await answer) === 'save' ? resolveMerge(result, theirsFor) : undefined;
}

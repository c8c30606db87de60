/**
 * What happens when someone else saved first (409 version_conflict): the page explains who saved
 * and what they changed, merges their changes with the user's own typing, and asks only about the
 * fields both changed. Nobody's typing is dropped silently.
 */
import type { FormInput } from '../core/index.js';
import type { FormView } from './api-client.js';
import { openDialog } from './dialogs.js';
import { h, uniqueId } from './dom.js';
import { fmtTime, pathLabel } from './format.js';
import { describeValue, mergeForms, resolveMerge } from './merge.js';

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

  const theirList = result.theirChanges.length
    ? h(
        'ul',
        { class: 'changes' },
        result.theirChanges.map((p) => h('li', { text: pathLabel(p) })),
      )
    : h('p', { class: 'muted', text: '（对方的改动都与你的相同）' });

  const conflictItems = result.conflicts.map((conflict) => {
    const name = uniqueId('conflict');
    const choice = (value: 'mine' | 'theirs', label: string, shown: unknown) => {
      const id = uniqueId('choice');
      const input = h('input', { attrs: { type: 'radio', name, id, value, checked: value === 'mine' } });
      input.addEventListener('change', () => {
        if (value === 'theirs') theirsFor.add(conflict.path);
        else theirsFor.delete(conflict.path);
      });
      return h(
        'div',
        { class: 'choice' },
        input,
        h(
          'label',
          { attrs: { for: id } },
          h('strong', { text: label }),
          ' ',
          h('span', { class: 'value', text: describeValue(shown) }),
        ),
      );
    };
    return h(
      'li',
      { class: 'conflict' },
      h(
        'fieldset',
        {},
        h('legend', { text: pathLabel(conflict.path) }),
        choice('mine', '保留我的：', conflict.mine),
        choice('theirs', `采用${who}的：`, conflict.theirs),
      ),
    );
  });

  const content = [
    h('p', { text: `在你编辑期间，${who}${when}保存了第 ${theirs.version} 版。你的修改没有丢失。` }),
    h('h3', { text: `对方改动的 ${result.theirChanges.length} 处已合并进你的表：` }),
    theirList,
    result.conflicts.length
      ? [
          h('h3', { text: `以下 ${result.conflicts.length} 处你们都改了，请选择保留哪一个：` }),
          h('ol', { class: 'conflicts' }, conflictItems),
        ]
      : h('p', { text: '没有相互冲突的改动。' }),
    h('p', { class: 'muted', text: `保存后将成为第 ${theirs.version + 1} 版。` }),
  ];
  const { result: choice } = openDialog<'save' | 'later'>({
    title: '别人已保存了新版本',
    wide: true,
    className: 'conflict-dialog',
    content,
    actions: [
      { label: '稍后处理', value: 'later' },
      { label: '合并后保存', value: 'save', primary: true },
    ],
  });
  return (await choice) === 'save' ? resolveMerge(result, theirsFor) : undefined;
}

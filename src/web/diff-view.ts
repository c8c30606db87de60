/**
 * A proposal shown against the current text: deleted characters struck through, inserted ones
 * underlined. Chinese has no spaces between words, so the diff is by character.
 */
import { diffChars } from 'diff';
import { h } from './dom.js';
import { charCount } from './format.js';

/** Renders `before → after` as one paragraph of kept, deleted and inserted runs. */
export function renderDiff(before: string, after: string, label = '改动'): HTMLElement {
  const parts = diffChars(before, after);
  let added = 0;
  let removed = 0;
  const nodes = parts.map((part) => {
    if (part.added) {
      added += charCount(part.value);
      return h('ins', { text: part.value });
    }
    if (part.removed) {
      removed += charCount(part.value);
      return h('del', { text: part.value });
    }
    return document.createTextNode(part.value);
  });
  const summary = added === 0 && removed === 0 ? '没有改动' : `删去 ${removed} 字，新增 ${added} 字`;
  return h(
    'figure',
    { class: 'diff' },
    h('figcaption', {}, `${label}：${summary}`),
    h('div', { class: 'diff-text' }, nodes),
  );
}

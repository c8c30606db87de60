/**
 * The controls the page builds again and again, in one home: a plain button, a labelled field, a
 * row of buttons, a file picker behind a button-styled label.
 */
import { type Child, h, type Props, uniqueId } from './dom.js';

export interface ButtonOptions {
  class?: string;
  /** More attributes (`aria-label`, `title`, `data-*`, `disabled`…); `type` is always `button`. */
  attrs?: Props['attrs'];
}

/** A `type="button"` button that runs `onClick`. */
export function button(text: string, onClick: () => void, options: ButtonOptions = {}): HTMLButtonElement {
  return h('button', {
    class: options.class,
    attrs: { type: 'button', ...options.attrs },
    text,
    on: { click: onClick },
  });
}

/** A visible label above its control (the `.field` layout); `id` is the control's. */
export function labelledField(id: string, label: string, ...controls: Child[]): HTMLDivElement {
  return h('div', { class: 'field' }, h('label', { attrs: { for: id }, text: label }), ...controls);
}

/** A paragraph holding one or more buttons (the page's usual place for an action under a block). */
export function buttonRow(...buttons: Child[]): HTMLParagraphElement {
  return h('p', {}, ...buttons);
}

/**
 * A hidden file input behind a label styled as a button. The input is emptied after each choice,
 * so choosing the same file again still calls `onFile`.
 */
export function filePicker(
  label: string,
  accept: string,
  onFile: (file: File) => void,
  attrs: Props['attrs'] = {},
): [HTMLLabelElement, HTMLInputElement] {
  const id = uniqueId('file');
  const input = h('input', { class: 'vh', attrs: { id, type: 'file', accept, ...attrs } });
  input.addEventListener('change', () => {
    const chosen = input.files?.[0];
    input.value = '';
    if (chosen) onFile(chosen);
  });
  return [h('label', { class: 'button', attrs: { for: id }, text: label }), input];
}

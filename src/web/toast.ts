/** Short notices in a polite live region: saves, errors, "行已删除 · 撤销". */
import { h } from './dom.js';

export type ToastKind = 'info' | 'success' | 'error';

function region(): HTMLElement {
  let el = document.getElementById('toasts');
  if (!el) {
    el = h('div', { attrs: { id: 'toasts', role: 'status', 'aria-live': 'polite' } });
    document.body.append(el);
  }
  return el;
}

/** Shows a notice for a few seconds; with an action, a button the user can press meanwhile. */
export function toast(
  message: string,
  options: { kind?: ToastKind; action?: { label: string; run: () => void }; ms?: number } = {},
): void {
  const kind = options.kind ?? 'info';
  const item = h('div', { class: `toast ${kind}` }, h('span', { text: message }));
  if (options.action) {
    const { label, run } = options.action;
    item.append(
      h('button', {
        attrs: { type: 'button' },
        text: label,
        on: {
          click: () => {
            run();
            item.remove();
          },
        },
      }),
    );
  }
  item.append(
    h('button', {
      class: 'toast-close',
      attrs: { type: 'button', 'aria-label': '关闭提示' },
      text: '×',
      on: { click: () => item.remove() },
    }),
  );
  region().append(item);
  const ms = options.ms ?? (kind === 'error' ? 10000 : options.action ? 8000 : 4000);
  setTimeout(() => item.remove(), ms);
}

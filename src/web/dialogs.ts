/**
 * Modal dialogs on the native <dialog> element: it traps focus, closes on Escape and gives the
 * focus back to the button that opened it, which is what keyboard users need.
 */
import { button } from './controls.js';
import { h, uniqueId, type Child } from './dom.js';

export interface DialogAction<T> {
  label: string;
  value: T;
  /** The main action gets the primary style and is focused first. */
  primary?: boolean;
  danger?: boolean;
}

export interface DialogHandle {
  dialog: HTMLDialogElement;
  body: HTMLElement;
  close(): void;
}

export interface DialogOptions<T> {
  title: string;
  content: Child;
  actions: DialogAction<T>[];
  wide?: boolean;
  className?: string;
}

/** The dialog's buttons in a row; a click passes the action's value to `choose`. */
function actionButtons<T>(actions: DialogAction<T>[], choose: (value: T) => void): HTMLButtonElement[] {
  return actions.map((action) =>
    button(action.label, () => choose(action.value), {
      class: action.primary ? 'primary' : action.danger ? 'danger' : '',
    }),
  );
}

/** Opens a modal with a title and content; resolves with the chosen action's value (undefined on Escape). */
export function openDialog<T>(options: DialogOptions<T>): { handle: DialogHandle; result: Promise<T | undefined> } {
  const titleId = uniqueId('dlg-title');
  const opener = document.activeElement as HTMLElement | null;
  const body = h('div', { class: 'dialog-body' }, options.content);
  const dialog = h('dialog', {
    class: `dialog${options.wide ? ' wide' : ''}${options.className ? ` ${options.className}` : ''}`,
    attrs: { 'aria-labelledby': titleId },
  });
  let chosen: T | undefined;
  const buttons = actionButtons(options.actions, (value) => {
    chosen = value;
    dialog.close();
  });
  dialog.append(
    h('h2', { attrs: { id: titleId }, text: options.title }),
    body,
    h('div', { class: 'dialog-actions' }, buttons),
  );
  const result = new Promise<T | undefined>((resolve) =>
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(chosen);
      if (opener && document.contains(opener)) opener.focus();
    }),
  );
  document.body.append(dialog);
  dialog.showModal();
  const primary = options.actions.findIndex((a) => a.primary);
  if (primary >= 0) buttons[primary]!.focus();
  return { handle: { dialog, body, close: () => dialog.close() }, result };
}

/** A yes/no question; resolves true when confirmed. */
export async function confirmDialog(
  title: string,
  message: Child,
  confirmLabel = '确定',
  danger = false,
): Promise<boolean> {
  const { result } = openDialog<boolean>({
    title,
    content: typeof message === 'string' ? h('p', { text: message }) : message,
    actions: [
      { label: '取消', value: false },
      { label: confirmLabel, value: true, primary: !danger, danger },
    ],
  });
  return (await result) === true;
}

/**
 * The app bar's account corner on a team server (issue #12), loaded only there (account-session.ts):
 * it replaces the 署名 box with the signed-in user (whose name the server records in the
 * history), a sign-out button and, for administrators, the users panel; signed out, a sign-in form.
 */
import { MAX_USER_NAME_CHARS, PASSWORD_LIMITS } from '../core/limits.js';
import { ApiError } from './api-client.js';
import { signIn, signOut } from './account-api.js';
import { openDialog } from './dialogs.js';
import { h, replaceChildren, uniqueId } from './dom.js';
import { session, setSession } from './session-state.js';
import { toast } from './toast.js';

/** A labelled input for the sign-in form. */
function field(label: string, type: string, autocomplete: string, maxlength: number) {
  const id = uniqueId('signin');
  const input = h('input', { attrs: { id, type, autocomplete, maxlength, required: true } });
  return { row: h('p', { class: 'signin-row' }, h('label', { attrs: { for: id }, text: label }), input), input };
}

/** Asks for name and password until sign-in succeeds or the dialog is dismissed; true when signed in. */
async function signInDialog(): Promise<boolean> {
  const name = field('用户名', 'text', 'username', MAX_USER_NAME_CHARS);
  const password = field('密码', 'password', 'current-password', PASSWORD_LIMITS.maxChars);
  const problem = h('p', { class: 'error', attrs: { role: 'alert' } });
  for (;;) {
    const content = h('div', { class: 'signin-form' }, name.row, password.row, problem);
    const { result } = openDialog<boolean>({
      title: '登录',
      content,
      actions: [{ label: '登录', value: true, primary: true }],
    });
    if (!(await result)) return false;
    try {
      setSession(await signIn(name.input.value.trim(), password.input.value));
      return true;
    } catch (error) {
      problem.textContent = error instanceof ApiError ? error.message : String(error);
    }
  }
}

/** The signed-in user, sign-out, and the users panel for administrators. */
function signedInBox(box: HTMLElement): void {
  const user = session().user!;
  const unit = user.unit.split('/').at(-1) ?? user.unit;
  const out = h('button', { attrs: { type: 'button' }, text: '退出', on: { click: () => void leave() } });
  const admin =
    user.role === 'admin'
      ? h('button', {
          attrs: { type: 'button' },
          text: '用户管理',
          on: { click: () => void import('./users-panel.js').then((m) => m.openUsersPanel()) },
        })
      : null;
  const who = h('span', {
    class: 'account-name',
    attrs: { title: user.unit },
    text: `${user.name}（${user.roleLabel} · ${unit}）`,
  });
  replaceChildren(box, who, admin, out);
}

async function leave(): Promise<void> {
  try {
    await signOut();
  } catch (error) {
    toast(error instanceof ApiError ? error.message : String(error), { kind: 'error' });
    return;
  }
  location.reload();
}

/** Fills the account corner of a team server: the signed-in user, or a sign-in form (reloads once signed in). */
export async function fillAccountBox(box: HTMLElement): Promise<void> {
  box.classList.add('account-box');
  if (session().user) {
    signedInBox(box);
    return;
  }
  const button = h('button', { class: 'primary', attrs: { type: 'button' }, text: '登录' });
  button.addEventListener('click', () => void signInDialog().then((ok) => ok && location.reload()));
  replaceChildren(box, button);
  if (await signInDialog()) location.reload();
}

/**
 * The administrators' users panel (issue #12): the users of their units and whether each is active,
 * a form to add one (the new API token is shown once), revoking a user (the account is disabled,
 * its tokens revoked, its sessions ended) and restoring a revoked one.
 */
import { ROLE_LABELS, ROLES } from '../core/access/roles.js';
import { MAX_USER_NAME_CHARS, PASSWORD_LIMITS, UNIT_PATH_LIMITS } from '../core/limits.js';
import { createUser, listUsers, restoreUser, revokeUser, type UserRow } from './account-api.js';
import { button } from './controls.js';
import { confirmDialog, openDialog } from './dialogs.js';
import { errorText } from './error-text.js';
import { h, replaceChildren, uniqueId } from './dom.js';
import { session } from './session-state.js';
import { toast } from './toast.js';

/** The roles as people name them (the API accepts the label), in core's order. */
const ROLE_OPTIONS = ROLES.map((role) => ROLE_LABELS[role]);

function input(label: string, attrs: Record<string, string | number | boolean>): [HTMLElement, HTMLInputElement] {
  const id = uniqueId('user');
  const el = h('input', { attrs: { id, ...attrs } });
  return [h('label', { attrs: { for: id } }, label, el), el];
}

function userTable(users: UserRow[], refresh: () => void): HTMLElement {
  const rows = users.map((u) =>
    h(
      'tr',
      {},
      h('td', { text: u.name }),
      h('td', { text: u.roleLabel }),
      h('td', { text: u.unit }),
      h('td', { class: u.disabledAt === null ? 'user-active' : 'user-disabled', text: stateText(u) }),
      h(
        'td',
        {},
        u.disabledAt === null
          ? button('吊销', () => void revoke(u.name, refresh))
          : button('恢复', () => void restore(u.name, refresh)),
      ),
    ),
  );
  const titles = ['用户名', '角色', '单位', '状态', ''];
  const head = h('tr', {}, ...titles.map((t) => h('th', { attrs: { scope: 'col' }, text: t })));
  return h('table', { class: 'users-table' }, h('thead', {}, head), h('tbody', {}, rows));
}

/** 在用, or 已停用 with the date it was revoked. */
function stateText(user: UserRow): string {
  return user.disabledAt === null ? '在用' : `已停用（${user.disabledAt.slice(0, 10)}）`;
}

async function revoke(name: string, refresh: () => void): Promise<void> {
  const question = `停用 ${name} 的账户，吊销其全部 API 令牌并结束其登录？恢复后旧令牌仍然无效。`;
  if (!(await confirmDialog('吊销用户', question, '吊销', true))) return;
  try {
    toast(`已吊销 ${name}（${await revokeUser(name)} 个令牌），账户已停用`);
    refresh();
  } catch (error) {
    toast(errorText(error), { kind: 'error' });
  }
}

async function restore(name: string, refresh: () => void): Promise<void> {
  try {
    await restoreUser(name);
    toast(`已恢复 ${name}：可以再用密码登录，旧令牌仍然无效`);
    refresh();
  } catch (error) {
    toast(errorText(error), { kind: 'error' });
  }
}

/** The fields of a new user: name, unit path, role, initial password. */
function newUserFields() {
  const [nameRow, name] = input('用户名', { maxlength: MAX_USER_NAME_CHARS, required: true });
  const [unitRow, unit] = input('单位路径', {
    maxlength: UNIT_PATH_LIMITS.maxChars,
    value: session().user?.unit ?? '',
  });
  const [passRow, password] = input('初始密码（可不设）', {
    type: 'password',
    maxlength: PASSWORD_LIMITS.maxChars,
    autocomplete: 'new-password',
  });
  const roleId = uniqueId('role');
  const role = h(
    'select',
    { attrs: { id: roleId } },
    ROLE_OPTIONS.map((r) => h('option', { text: r })),
  );
  const roleRow = h('label', { attrs: { for: roleId } }, '角色', role);
  return { rows: [nameRow, unitRow, roleRow, passRow], name, unit, role, password };
}

/** Creates the user and shows its API token once in `shown`, or why it failed. */
async function addUser(fields: ReturnType<typeof newUserFields>, shown: HTMLElement, refresh: () => void) {
  try {
    const pass = fields.password.value;
    const added = await createUser({
      name: fields.name.value.trim(),
      unit: fields.unit.value.trim(),
      role: fields.role.value,
      ...(pass ? { password: pass } : {}),
    });
    replaceChildren(
      shown,
      `已创建 ${added.user.name}。API 令牌只显示这一次：`,
      h('code', { class: 'new-token', text: added.token }),
    );
    refresh();
  } catch (error) {
    replaceChildren(shown, h('span', { class: 'error', text: errorText(error) }));
  }
}

function addForm(shown: HTMLElement, refresh: () => void): HTMLElement {
  const fields = newUserFields();
  const add = button('新建用户', () => void addUser(fields, shown, refresh), { class: 'primary' });
  return h('div', { class: 'user-add' }, fields.rows, add);
}

/** Opens the users panel. */
export function openUsersPanel(): void {
  const list = h('div', { class: 'users-list' }, h('p', { class: 'loading', text: '正在载入用户…' }));
  const shown = h('p', { class: 'new-token-box', attrs: { role: 'status' } });
  const refresh = () =>
    void listUsers().then(
      (users) => replaceChildren(list, userTable(users, refresh)),
      (error: unknown) => replaceChildren(list, h('p', { class: 'error', text: errorText(error) })),
    );
  refresh();
  openDialog({
    title: '用户管理',
    wide: true,
    content: h('div', {}, list, addForm(shown, refresh), shown),
    actions: [{ label: '关闭', value: true }],
  });
}

/**
 * `/api/session` (issue #12): who is signed in, sign-in with name and password, sign-out. A session
 * is a random id in an HttpOnly, SameSite=Strict cookie (stored only as its hash, ending after
 * `sessionHours`); writes made with it must carry its CSRF token (`X-Ziping-CSRF`), which only
 * the page that signed in is told. A wrong name and a wrong password get the same 401; only the
 * right password of a revoked (disabled) account learns that it is disabled (403 account_disabled).
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { ROLE_LABELS } from '../../core/access/roles.js';
import { signInKey, signInLocked, signInWindow } from '../../core/access/sign-in-throttle.js';
import type { User } from '../../core/access/user.js';
import { ZipingError } from '../../core/errors.js';
import { SIGN_IN_LIMIT } from '../../core/limits.js';
import { publicUser, type AccountRepository } from '../../store/accounts.js';
import { SessionViewSchema, SignInSchema } from '../access/account-schemas.js';
import { MAX_CREDENTIAL_CHARS, SESSION_COOKIE } from '../access/credentials.js';
import { csrfTokenOf, newSecret, secretHash, verifyPassword } from '../access/secrets.js';
import type { ResolvedDeps } from '../deps.js';
import { createRouter } from '../router.js';
import { errors, jsonBody, jsonResponse } from '../schemas.js';

/** A user as the API shows it, with the role's Chinese name. */
export function userView(user: User) {
  return { ...user, roleLabel: ROLE_LABELS[user.role] };
}

const sessionRoute = createRoute({
  method: 'get',
  path: '/session',
  summary: '当前用户',
  description: '是否需要登录、当前登录的用户（未登录为 null），以及登录 Cookie 写入时要带的 CSRF 令牌。',
  responses: { 200: jsonResponse(SessionViewSchema, '当前会话') },
});

const signInRoute = createRoute({
  method: 'post',
  path: '/session',
  summary: '登录',
  description:
    '用户名和密码正确时设置会话 Cookie（HttpOnly，SameSite=Strict），并返回 CSRF 令牌；已吊销（停用）的账户返回 403 account_disabled。' +
    `同一用户名 ${SIGN_IN_LIMIT.windowSeconds / 60} 分钟内密码错误 ${SIGN_IN_LIMIT.failures} 次后，到窗口结束前返回 429。`,
  request: { body: jsonBody(SignInSchema) },
  responses: { 200: jsonResponse(SessionViewSchema, '已登录'), ...errors(400, 401, 403, 404, 429) },
});

const signOutRoute = createRoute({
  method: 'delete',
  path: '/session',
  summary: '退出登录',
  responses: { 204: { description: '已退出' }, ...errors(403) },
});

const noAccounts = () => new ZipingError('not_found', '本服务未启用账号（单机模式无需登录）');
const badSignIn = () => new ZipingError('unauthorized', '用户名或密码不对');

/** Throws 429 when `name` had SIGN_IN_LIMIT wrong passwords in this window (known name or not). */
async function refuseLockedName(deps: ResolvedDeps, name: string, now: Date): Promise<void> {
  const window = signInWindow(now);
  const failures = await deps.quotaCounters.peek(signInKey(name), window.id);
  if (failures >= SIGN_IN_LIMIT.failures) throw signInLocked(now, window);
}

/** The session routes, to be mounted under `/api`. */
export function sessionRoutes(deps: ResolvedDeps) {
  const { config, clock } = deps;
  const accountsOrThrow = (): AccountRepository => {
    if (!config.authRequired || !deps.accounts) throw noAccounts();
    return deps.accounts;
  };
  const secure = (c: Context) => new URL(c.req.url).protocol === 'https:';

  return createRouter()
    .openapi(sessionRoute, async (c) => {
      const actor = c.get('actor');
      const sessionId = getCookie(c, SESSION_COOKIE);
      const user = actor.kind === 'user' ? await deps.accounts?.userByName(actor.name) : null;
      const csrfToken = user && sessionId && !c.req.header('authorization') ? await csrfTokenOf(sessionId) : null;
      c.header('Cache-Control', 'no-store');
      const view = user ? userView(publicUser(user)) : null;
      return c.json({ auth: config.authRequired, user: view, csrfToken }, 200);
    })
    .openapi(signInRoute, async (c) => {
      const accounts = accountsOrThrow();
      const { name, password } = c.req.valid('json');
      const now = clock();
      await refuseLockedName(deps, name, now);
      const user = await accounts.userByName(name.trim());
      // The hash is checked even for an unknown name, so timing does not tell which names exist
      if (!(await verifyPassword(password, user?.passwordHash ?? null)) || !user) {
        await deps.quotaCounters.add(signInKey(name), signInWindow(now).id, 1);
        throw badSignIn();
      }
      // A disabled account is refused by the store's addSession (account_disabled), said only to someone
      // who knows the password: a wrong one above tells nothing about the account
      const sessionId = newSecret('zps');
      const expiresAt = new Date(now.getTime() + config.sessionHours * 3_600_000);
      await accounts.addSession({ hash: await secretHash(sessionId), userId: user.id, at: now, expiresAt });
      setCookie(c, SESSION_COOKIE, sessionId, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: secure(c),
        maxAge: config.sessionHours * 3600,
      });
      c.header('Cache-Control', 'no-store');
      const body = { auth: true, user: userView(publicUser(user)), csrfToken: await csrfTokenOf(sessionId) };
      return c.json(body, 200);
    })
    .openapi(signOutRoute, async (c) => {
      const sessionId = getCookie(c, SESSION_COOKIE);
      if (sessionId && deps.accounts && sessionId.length <= MAX_CREDENTIAL_CHARS) {
        await deps.accounts.deleteSession(await secretHash(sessionId));
      }
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c) });
      return c.body(null, 204);
    });
}

/**
 * `/api/users` (issue #12): administrators list the users of their part of the unit tree, create
 * users (the new API token is in the answer, once), revoke a user (the account is disabled, its
 * tokens revoked and sessions ended) and restore one (enabled again, old tokens still revoked). The
 * access check lets only actors with the `admin` right on their own unit in; each handler then
 * checks the target's unit, so a user outside the administrator's subtree is a 404.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Actor } from '../../core/access/actor.js';
import { can } from '../../core/access/rights.js';
import { requireRole } from '../../core/access/roles.js';
import { ZipingError } from '../../core/errors.js';
import { publicUser, userNotFound, type AccountRepository } from '../../store/accounts.js';
import { NewTokenSchema, NewUserSchema, UserNameParams, UserViewSchema } from '../access/account-schemas.js';
import { addUser, newToken, restoreUser, revokeUser } from '../access/user-admin.js';
import type { ResolvedDeps } from '../deps.js';
import { createRouter } from '../router.js';
import { errors, jsonBody, jsonResponse } from '../schemas.js';
import { userView } from './session.js';

const listUsersRoute = createRoute({
  method: 'get',
  path: '/users',
  summary: '用户列表（管理员）',
  description: '本单位及下级单位的用户。',
  responses: { 200: jsonResponse(z.object({ items: z.array(UserViewSchema) }), '用户'), ...errors(401, 403, 404) },
});

const addUserRoute = createRoute({
  method: 'post',
  path: '/users',
  summary: '新建用户（管理员）',
  description: '单位须在管理员的单位之内；返回的 API 令牌只显示这一次。',
  request: { body: jsonBody(NewUserSchema) },
  responses: { 201: jsonResponse(NewTokenSchema, '已创建'), ...errors(400, 401, 403, 404, 409) },
});

const revokeRoute = createRoute({
  method: 'post',
  path: '/users/{name}/revoke',
  summary: '吊销用户：停用账户，吊销其令牌并结束其登录（管理员）',
  description:
    '停用后该用户不能登录、不能用令牌，也不能再发令牌，直到恢复。不能吊销最后一个在用的管理员（409 last_admin）。',
  request: { params: UserNameParams },
  responses: {
    200: jsonResponse(z.object({ revokedTokens: z.number().int() }), '已吊销'),
    ...errors(401, 403, 404, 409),
  },
});

const restoreRoute = createRoute({
  method: 'post',
  path: '/users/{name}/restore',
  summary: '恢复已吊销的用户（管理员）',
  description: '账户重新启用，可以再用密码登录；吊销时的旧令牌仍然无效，需要时另发新令牌。',
  request: { params: UserNameParams },
  responses: { 200: jsonResponse(z.object({ user: UserViewSchema }), '已恢复'), ...errors(401, 403, 404) },
});

const tokenRoute = createRoute({
  method: 'post',
  path: '/users/{name}/tokens',
  summary: '为用户新发 API 令牌（管理员）',
  request: { params: UserNameParams },
  responses: { 201: jsonResponse(NewTokenSchema, '新令牌（只显示这一次）'), ...errors(401, 403, 404) },
});

/** The user `name` if `actor` administers their unit, else `not_found` (saying nothing more). */
async function managedUser(accounts: AccountRepository, actor: Actor, name: string) {
  const user = await accounts.userByName(name);
  if (!user || !can(actor, 'admin', user.unit)) throw userNotFound(name);
  return user;
}

/** The user routes, to be mounted under `/api`. */
export function usersRoutes(deps: ResolvedDeps) {
  const { clock } = deps;
  const accountsOrThrow = (): AccountRepository => {
    if (!deps.accounts) throw new ZipingError('not_found', '本服务没有账号存储');
    return deps.accounts;
  };
  return createRouter()
    .openapi(listUsersRoute, async (c) => {
      const actor = c.get('actor');
      const users = (await accountsOrThrow().listUsers()).filter((u) => can(actor, 'admin', u.unit));
      return c.json({ items: users.map((u) => userView(publicUser(u))) }, 200);
    })
    .openapi(addUserRoute, async (c) => {
      const body = c.req.valid('json');
      const role = requireRole(body.role);
      if (!can(c.get('actor'), 'admin', body.unit.trim())) {
        throw new ZipingError('forbidden', `只能在你管理的单位之内新建用户（${body.unit}）`);
      }
      const added = await addUser(accountsOrThrow(), { ...body, role }, clock());
      return c.json({ user: userView(added.user), token: added.token }, 201);
    })
    .openapi(revokeRoute, async (c) => {
      const accounts = accountsOrThrow();
      const user = await managedUser(accounts, c.get('actor'), c.req.valid('param').name);
      return c.json({ revokedTokens: await revokeUser(accounts, user.name, clock()) }, 200);
    })
    .openapi(restoreRoute, async (c) => {
      const accounts = accountsOrThrow();
      const user = await managedUser(accounts, c.get('actor'), c.req.valid('param').name);
      return c.json({ user: userView(await restoreUser(accounts, user.name)) }, 200);
    })
    .openapi(tokenRoute, async (c) => {
      const accounts = accountsOrThrow();
      const user = await managedUser(accounts, c.get('actor'), c.req.valid('param').name);
      const token = await newToken(accounts, user.name, clock());
      return c.json({ user: userView(publicUser(user)), token }, 201);
    });
}

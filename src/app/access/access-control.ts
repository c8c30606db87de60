/**
 * The one access check (issue #12). Before any route runs it finds who is asking (credentials.ts),
 * the route that will answer (matched-route.ts) and that route's policy (policy.ts), and refuses:
 * - an /api route missing from the policy table: 404, so nothing is reachable before it is decided;
 * - nobody signed in (or a dead token or cookie) on a route that is not public: 401;
 * - a form route: the form's unit is read first; a form the caller may not read is a 404 worded
 *   exactly like a missing one, a readable form the caller may not change a 403;
 * - a write with the session cookie but without its CSRF token (`X-Ziping-CSRF`): 403;
 * then runs the form guards (form-guard.ts). Without accounts everyone is the local actor, who
 * passes every check, as before issue #12.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { ANONYMOUS_ACTOR, LOCAL_ACTOR, type Actor } from '../../core/access/actor.js';
import { can } from '../../core/access/rights.js';
import { ZipingError } from '../../core/errors.js';
import type { AccountRepository } from '../../store/accounts.js';
import type { FormRepository } from '../../store/repository.js';
import { formNotFound } from '../../store/store-errors.js';
import type { AppEnv } from '../app-env.js';
import { callerOf, NOBODY, unauthorized } from './credentials.js';
import type { FormGuard } from './form-guard.js';
import { requestRoute } from './matched-policy.js';
import { routeParam, type MatchedRoute } from './matched-route.js';
import type { RouteAccess } from './policy.js';
import { csrfTokenOf, sameBytesText } from './secrets.js';

export interface AccessOptions {
  store: FormRepository;
  /** Accounts and sign-in are required (a team deployment); false: everyone is the local actor. */
  authRequired: boolean;
  accounts: AccountRepository | null;
  formGuards: readonly FormGuard[];
  clock: () => Date;
}

/** The header a page sends its session's CSRF token in. */
export const CSRF_HEADER = 'X-Ziping-CSRF';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function forbidden(message: string): ZipingError {
  return new ZipingError('forbidden', message);
}

/** 404 for an /api path that has a handler but no policy (never reachable until it has one). */
function unlisted(c: Context): ZipingError {
  return new ZipingError('not_found', `没有这个接口：${c.req.method} ${c.req.path}。接口说明见 /api/openapi.json`);
}

/** Refuses a write that came with the session cookie but not with the session's CSRF token. */
async function checkCsrf(c: Context, sessionId: string): Promise<void> {
  if (SAFE_METHODS.has(c.req.method)) return;
  const sent = c.req.header(CSRF_HEADER) ?? '';
  if (!sameBytesText(sent, await csrfTokenOf(sessionId))) {
    throw new ZipingError('csrf_rejected', `写请求缺少有效的 ${CSRF_HEADER} 令牌：请刷新页面后重试`);
  }
}

/** Checks a form route: the form's unit first, then the right (404 if unreadable, 403 if unchangeable). */
async function checkForm(
  c: Context<AppEnv>,
  options: AccessOptions,
  route: MatchedRoute,
  access: RouteAccess & { kind: 'form' },
  actor: Actor,
) {
  const id = routeParam(route, c.req.path, 'id') ?? '';
  if (actor.kind !== 'local') {
    const record = await options.store.get(id);
    const unit = record.unit ?? '';
    if (!can(actor, 'read', unit)) throw formNotFound(id);
    // The route's handler takes this record (checked-form.ts) rather than reading the store again
    c.set('formRecord', record);
    // The audit log records the form's unit (audit-trail.ts)
    if (record.unit !== undefined) c.set('formUnit', record.unit);
    if (!can(actor, access.right, unit)) throw forbidden('你的角色无权对这张表执行此操作');
  }
  for (const guard of options.formGuards) {
    await guard({ formId: id, right: access.right, actor, route: `${route.method} ${route.path}` });
  }
}

/** Throws unless `actor` may use `route` with `access`. */
async function checkAccess(
  c: Context<AppEnv>,
  options: AccessOptions,
  route: MatchedRoute,
  access: RouteAccess,
  actor: Actor,
) {
  if (access.kind === 'public') return;
  if (actor.kind === 'anonymous') throw unauthorized();
  if (access.kind === 'own-unit' && actor.kind === 'user' && !can(actor, access.right, actor.unit)) {
    throw forbidden('你的角色无权执行此操作');
  }
  if (access.kind === 'form') await checkForm(c, options, route, access, actor);
}

/** The access middleware: sets `actor` and refuses what the policy does not allow. */
export function accessControl(options: AccessOptions): MiddlewareHandler<AppEnv> {
  return async function accessCheck(c, next) {
    const { route, policy } = requestRoute(c);
    if (!policy) {
      c.set('actor', options.authRequired ? ANONYMOUS_ACTOR : LOCAL_ACTOR);
      if (route && c.req.path.startsWith('/api')) throw unlisted(c);
      return next();
    }
    if (!options.authRequired) {
      c.set('actor', LOCAL_ACTOR);
    } else {
      // Sign-in required but no accounts store: nobody can sign in (fails closed)
      const caller = options.accounts ? await callerOf(c, options.accounts, options.clock()) : NOBODY;
      if (caller.dead && policy.access.kind !== 'public') throw unauthorized();
      c.set('actor', caller.actor);
      if (caller.sessionId !== null) await checkCsrf(c, caller.sessionId);
    }
    await checkAccess(c, options, route!, policy.access, c.get('actor'));
    return next();
  };
}

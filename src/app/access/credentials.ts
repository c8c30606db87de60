/**
 * Who sent a request, from its credentials (issue #12): an API token in `Authorization: Bearer …`,
 * or the session cookie the sign-in route set. Credentials that are present but unknown, revoked or
 * expired, or whose user is disabled, are refused with 401 rather than treated as nobody, so a
 * client learns its token is dead.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { ANONYMOUS_ACTOR, type Actor } from '../../core/access/actor.js';
import { ZipingError } from '../../core/errors.js';
import type { AccountRepository, StoredUser } from '../../store/accounts.js';
import { secretHash } from './secrets.js';

/** The session cookie's name. */
export const SESSION_COOKIE = 'ziping_session';
/** Longest credential looked at (a token is 47 characters); longer ones are refused unread. */
export const MAX_CREDENTIAL_CHARS = 200;
const BEARER = new RegExp(`^Bearer ([\\w-]{1,${MAX_CREDENTIAL_CHARS}})$`, 'i');

export interface Caller {
  actor: Actor;
  /** The session id when the caller came with the session cookie (writes then need the CSRF token). */
  sessionId: string | null;
  /** True when credentials were sent but name no live account (401 except on public routes). */
  dead: boolean;
}

/** The caller without credentials. */
export const NOBODY: Caller = { actor: ANONYMOUS_ACTOR, sessionId: null, dead: false };
const DEAD: Caller = { actor: ANONYMOUS_ACTOR, sessionId: null, dead: true };

/** 401 `unauthorized`, worded the same for every reason so it tells nothing about accounts. */
export function unauthorized(): ZipingError {
  return new ZipingError('unauthorized', '请先登录，或使用有效的 API 令牌（Authorization: Bearer …）');
}

/** The actor of a stored user. */
export function actorOf(user: StoredUser): Actor {
  return { kind: 'user', userId: user.id, name: user.name, unit: user.unit, role: user.role };
}

/**
 * The caller a token or session found: a live user, or dead credentials. A disabled user is dead
 * here too, whatever the store answered, so one store path that forgot the check lets no one in.
 */
export function callerFor(user: StoredUser | null, sessionId: string | null): Caller {
  return user && user.disabledAt === null ? { actor: actorOf(user), sessionId, dead: false } : DEAD;
}

/** The token of an `Authorization` header; '' for a header that is not a well-formed Bearer token. */
function bearerOf(header: string): string {
  const match = BEARER.exec(header.trim());
  return match ? match[1]! : '';
}

/** The caller of `c`'s request: a token's owner, a session's user, nobody, or dead credentials. */
export async function callerOf(c: Context, accounts: AccountRepository, now: Date): Promise<Caller> {
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const token = bearerOf(header);
    return callerFor(token ? await accounts.userByToken(await secretHash(token)) : null, null);
  }
  const sessionId = getCookie(c, SESSION_COOKIE);
  if (sessionId === undefined) return NOBODY;
  if (sessionId.length > MAX_CREDENTIAL_CHARS) return DEAD;
  return callerFor(await accounts.userBySession(await secretHash(sessionId), now), sessionId);
}

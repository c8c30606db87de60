/**
 * The audit log's one writer (issue #12): after every route whose policy names an audit action
 * (policy.ts), one entry with who asked, the action, the form and its unit, the status answered
 * and when. Refused requests are logged too (their status says so); a request without an actor
 * (refused before anyone was recognised) is not. Never the body, a token, a password or a query.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { type AuditAction, auditActor, type NewAuditEntry } from '../core/audit/entry.js';
import { isFormId } from '../store/ids.js';
import type { AuditLog } from '../store/audit-log.js';
import { requestRoute } from './access/matched-policy.js';
import { type MatchedRoute, routeParam } from './access/matched-route.js';
import type { AppEnv } from './app-env.js';

export interface AuditParts {
  audit: AuditLog;
  clock: () => Date;
  logError: (message: string, error: unknown) => void;
}

/** The route a created form's `Location` names (`/api/forms/<id>`). */
const FORM_ROUTE: MatchedRoute = { method: 'GET', path: '/api/forms/:id' };

/**
 * The form a request worked on: a form route's `:id`, or the new form's id from `Location` after a
 * create (read only then: reading a response's headers makes the Node adapter build them).
 */
function formIdOf(c: Context<AppEnv>, action: AuditAction): string | null {
  const { route, policy } = requestRoute(c);
  let id: string | null = null;
  if (route && policy?.access.kind === 'form') id = routeParam(route, c.req.path, 'id');
  else if (action === 'create') id = routeParam(FORM_ROUTE, c.res.headers.get('location') ?? '', 'id');
  return id && isFormId(id) ? id : null;
}

/** The audit middleware; mount it before the access layer so it sees refusals too. */
export function auditTrail(parts: AuditParts): MiddlewareHandler<AppEnv> {
  const afterAudited: MiddlewareHandler<AppEnv> = async (c, next) => {
    await next();
    const action = requestRoute(c).policy?.audit;
    const actor = c.get('actor');
    const who = actor ? auditActor(actor) : null;
    if (!action || !who) return;
    const entry: NewAuditEntry = {
      at: parts.clock().toISOString(),
      ...who,
      action,
      formId: formIdOf(c, action),
      formUnit: c.get('formUnit') ?? null,
      status: c.res.status,
    };
    try {
      await parts.audit.append(entry);
    } catch (error) {
      // The answer stands; a log that cannot be written is the operator's to fix, loudly
      parts.logError('[ziping] audit log write failed', error);
    }
  };
  // The route (and so its action) is known before it runs: a route without one (score, reads) passes on
  // next()'s promise without awaiting it in a promise of its own (issue #9)
  return function auditTrail(c, next) {
    return requestRoute(c).policy?.audit ? afterAudited(c, next) : next();
  };
}

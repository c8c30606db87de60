/**
 * The audit log's one writer (issue #12): after every route whose policy names an audit action
 * (policy.ts), one entry with who asked, the action, the form and its unit, the status answered
 * and when. Refused requests are logged too (their status says so); a request without an actor
 * (refused before anyone was recognised) is not. Never the body, a token, a password or a query.
 */
import type { MiddlewareHandler } from 'hono';
import { auditActor, type NewAuditEntry } from '../core/audit/entry.js';
import { isFormId } from '../store/ids.js';
import type { AuditLog } from '../store/audit-log.js';
import { matchedPolicy } from './access/matched-policy.js';
import type { AppEnv } from './app-env.js';

export interface AuditParts {
  audit: AuditLog;
  clock: () => Date;
  logError: (message: string, error: unknown) => void;
}

const FORM_PATH = /^\/api\/forms\/([0-9a-z]{1,100})(?:\/|$)/;

/**
 * The form a request worked on: its `:id`, or the new form's id from `Location` after a create
 * (read only then: reading a response's headers makes the Node adapter build them).
 */
function formIdOf(path: string, location: () => string | null): string | null {
  const id = FORM_PATH.exec(path)?.[1] ?? FORM_PATH.exec(location() ?? '')?.[1];
  return id && isFormId(id) ? id : null;
}

/** The audit middleware; mount it before the access layer so it sees refusals too. */
export function auditTrail(parts: AuditParts): MiddlewareHandler<AppEnv> {
  const afterAudited: MiddlewareHandler<AppEnv> = async (c, next) => {
    await next();
    const action = matchedPolicy(c)?.audit;
    const actor = c.get('actor');
    const who = actor ? auditActor(actor) : null;
    if (!action || !who) return;
    const entry: NewAuditEntry = {
      at: parts.clock().toISOString(),
      ...who,
      action,
      formId: formIdOf(c.req.path, () => c.res.headers.get('location')),
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
    return matchedPolicy(c)?.audit ? afterAudited(c, next) : next();
  };
}

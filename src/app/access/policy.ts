/**
 * The one access table (issue #12): every API route, by method and Hono route path, with what the
 * caller needs and what the audit log records. The access layer answers a route that is not listed
 * here with 404, so a new route cannot be reached before someone decides who may use it.
 */
import type { Right } from '../../core/access/rights.js';

/** What a route needs of its caller. */
export type RouteAccess =
  /** Anyone, signed in or not (the index, the OpenAPI document, health, sign-in). */
  | { kind: 'public' }
  /** Any signed-in user; the route itself works only on what is theirs (score, profiles, list). */
  | { kind: 'signed-in' }
  /** A right on the form named by `:id`, checked against the form's unit before the route reads it. */
  | { kind: 'form'; right: Right }
  /** A right on the caller's own unit (creating a form, importing, drafting a form not yet saved). */
  | { kind: 'own-unit'; right: Right };

/** What the audit log calls an access (issue #12): one list, in core/audit/entry.ts. */
export type { AuditAction } from '../../core/audit/entry.js';
import type { AuditAction } from '../../core/audit/entry.js';

export interface RoutePolicy {
  access: RouteAccess;
  /** Recorded in the audit log when set (reads of lists and documents are not). */
  audit?: AuditAction;
}

const PUBLIC: RoutePolicy = { access: { kind: 'public' } };
const SIGNED_IN: RoutePolicy = { access: { kind: 'signed-in' } };
const form = (right: Right, audit?: AuditAction): RoutePolicy => ({
  access: { kind: 'form', right },
  ...(audit ? { audit } : {}),
});
const ownUnit = (right: Right, audit?: AuditAction): RoutePolicy => ({
  access: { kind: 'own-unit', right },
  ...(audit ? { audit } : {}),
});

/** Keyed `METHOD /path` with Hono's `:param` syntax, as `routePath` gives it. */
export const ROUTE_POLICIES: Readonly<Record<string, RoutePolicy>> = {
  'GET /': PUBLIC,
  'GET /api': PUBLIC,
  'GET /api/openapi.json': PUBLIC,
  'GET /api/health': PUBLIC,
  'GET /api/profiles': SIGNED_IN,
  'POST /api/score': SIGNED_IN,
  'POST /api/check': SIGNED_IN,
  'POST /api/draft': ownUnit('edit', 'draft'),
  'POST /api/import': ownUnit('edit', 'import'),
  'POST /api/forms': ownUnit('edit', 'create'),
  'GET /api/forms': SIGNED_IN,
  'GET /api/forms/:id': form('read', 'read'),
  'PUT /api/forms/:id': form('edit', 'change'),
  'DELETE /api/forms/:id': form('edit', 'delete'),
  'GET /api/forms/:id/history': form('read'),
  'GET /api/forms/:id/versions/:version': form('read', 'read'),
  'GET /api/forms/:id/narratives/:path/history': form('read'),
  'POST /api/forms/:id/drafts': form('edit', 'draft'),
  'POST /api/forms/:id/chat': form('edit', 'draft'),
  'GET /api/forms/:id/chat': form('read'),
  'DELETE /api/forms/:id/chat': form('edit', 'change'),
  'GET /api/forms/:id/export.xlsx': form('read', 'export'),
  'GET /api/forms/:id/export.docx': form('read', 'export'),
  // accounts (issue #12): sign-in is public; the user routes need the admin right on the caller's unit
  'GET /api/session': PUBLIC,
  'POST /api/session': PUBLIC,
  'DELETE /api/session': PUBLIC,
  'GET /api/users': ownUnit('admin'),
  'POST /api/users': ownUnit('admin', 'admin'),
  'POST /api/users/:name/revoke': ownUnit('admin', 'admin'),
  'POST /api/users/:name/restore': ownUnit('admin', 'admin'),
  'POST /api/users/:name/tokens': ownUnit('admin', 'admin'),
  // review (issue #12): the unit submits; reviewers return, accept and mark; everyone who reads sees it
  'GET /api/forms/:id/review': form('read'),
  'POST /api/forms/:id/submit': form('submit', 'submit'),
  'POST /api/forms/:id/return': form('review', 'return'),
  'POST /api/forms/:id/accept': form('review', 'accept'),
  'PUT /api/forms/:id/review': form('review', 'review'),
  // The audit log: administrators and reviewers, each for their units (entries filtered by unit)
  'GET /api/audit': ownUnit('audit'),
};

/** The policy of a route, or null when the route is not in the table. */
export function policyOf(method: string, routePath: string): RoutePolicy | null {
  return ROUTE_POLICIES[`${method.toUpperCase()} ${routePath}`] ?? null;
}

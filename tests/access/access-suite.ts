/**
 * The access tests of issue #12, written once and run against every way the app is served (in
 * process with the memory store, the Node server with lowdb or PostgreSQL, the Worker with D1).
 * Every route of the access table is tried as nobody, with a forged token, a forged cookie, a
 * revoked token, as a user of another unit, as a reader and as an administrator; each refusal is a
 * 401, 403 or 404 whose body is the same as for a form that does not exist, so it tells nothing.
 * No node:* imports here: the Worker tests run this file in workerd.
 */
import { describe, expect, it } from 'vitest';
import { ROUTE_POLICIES, type RoutePolicy } from '../../src/app/access/policy.js';
import type { Role } from '../../src/core/access/roles.js';

export interface AccessTarget {
  /** A request to the app, path relative to its root. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Creates a user and returns a new API token for them. */
  addUser(name: string, unit: string, role: Role): Promise<string>;
  /** Revokes a user: disables the account, revokes their tokens and ends their sessions. */
  revoke(name: string): Promise<void>;
  /** Restores a revoked user (their old tokens stay revoked). */
  restore(name: string): Promise<void>;
}

/** The units of the tests: a finance bureau with two units below it, and an unrelated one. */
export const UNITS = {
  province: '某省财政厅',
  bureau: '某省财政厅/某市财政局',
  own: '某省财政厅/某市财政局/某市科委',
  other: '某省财政厅/某市财政局/某市教委',
  elsewhere: '某省财政厅/另一市财政局',
} as const;

const MISSING_ID = '0000000000000000';

/** A request path for a route of the table, with its parameters filled in. */
export function pathOf(route: string, formId: string): string {
  const path = route
    .replace(':id', formId)
    .replace(':version', '1')
    .replace(':path', 'goals.actual')
    .replace(':name', 'owner');
  return path.endsWith('/chat') ? `${path}?field=goals.actual` : path;
}

const auth = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/**
 * The routes the refusal tests skip, written out rather than derived from the tables they check:
 * what a reviewer or administrator of the unit above may do to the form beyond reading it (done,
 * it would change the form; the review test below does it), and the own-unit routes each role may
 * use (tested by their own suites). A policy or rights change that grants more fails the tests.
 */
const ALLOWED_FORM_WRITES: Readonly<Record<'reviewer' | 'admin', readonly string[]>> = {
  reviewer: ['POST /api/forms/:id/return', 'POST /api/forms/:id/accept', 'PUT /api/forms/:id/review'],
  admin: [],
};
const ALLOWED_OWN_UNIT: Readonly<Record<Role, readonly string[]>> = {
  filler: ['POST /api/draft', 'POST /api/import', 'POST /api/forms'],
  reviewer: ['GET /api/audit'],
  admin: [
    'GET /api/users',
    'POST /api/users',
    'POST /api/users/:name/revoke',
    'POST /api/users/:name/restore',
    'POST /api/users/:name/tokens',
    'GET /api/audit',
  ],
};

/** Sends one request of `route` with `headers`; writes carry a small JSON body (refused before it is read). */
async function call(target: AccessTarget, route: string, formId: string, headers: Record<string, string>) {
  const [method, path] = route.split(' ') as [string, string];
  const write = method !== 'GET' && method !== 'HEAD';
  const init: RequestInit = {
    method,
    headers: { ...headers, ...(write ? { 'content-type': 'application/json', 'if-match': '"1"' } : {}) },
    ...(write ? { body: '{}' } : {}),
  };
  const response = await target.fetch(pathOf(path, formId), init);
  return { status: response.status, text: await response.text() };
}

const apiRoutes = (filter: (policy: RoutePolicy) => boolean): string[] =>
  Object.entries(ROUTE_POLICIES)
    .filter(([route, policy]) => route.includes(' /api/') && filter(policy))
    .map(([route]) => route);

const notPublic = apiRoutes((p) => p.access.kind !== 'public');
const formRoutes = apiRoutes((p) => p.access.kind === 'form');
const formOtherRoutes = apiRoutes((p) => p.access.kind === 'form' && p.access.right !== 'read');
const formReadRoutes = apiRoutes((p) => p.access.kind === 'form' && p.access.right === 'read');
const ownUnitRoutes = apiRoutes((p) => p.access.kind === 'own-unit');

/** The access suite against the target `setup` gives; `formBody` is a valid form to store. */
export function accessSuite(setup: () => Promise<AccessTarget>, formBody: () => unknown): void {
  let target: AccessTarget;
  let formId: string;
  const tokens: Record<string, string> = {};
  let unauthorizedBody = '';
  let missingBody = '';

  /** The 404 of a missing form, with the id replaced, for comparing with refusals. */
  const asMissing = (text: string): string => text.replaceAll(formId, MISSING_ID);

  describe('access (issue #12)', () => {
    it('sets up users of three units and a form of one of them', async () => {
      target = await setup();
      tokens.owner = await target.addUser('owner', UNITS.own, 'filler');
      tokens.otherFiller = await target.addUser('other-filler', UNITS.other, 'filler');
      tokens.reviewer = await target.addUser('reviewer', UNITS.bureau, 'reviewer');
      tokens.farReviewer = await target.addUser('far-reviewer', UNITS.elsewhere, 'reviewer');
      tokens.admin = await target.addUser('admin', UNITS.bureau, 'admin');
      tokens.revoked = await target.addUser('gone', UNITS.own, 'filler');
      await target.revoke('gone');
      const created = await target.fetch('/api/forms', {
        method: 'POST',
        headers: { ...auth(tokens.owner!), 'content-type': 'application/json' },
        body: JSON.stringify(formBody()),
      });
      expect(created.status).toBe(201);
      formId = ((await created.json()) as { id: string }).id;
      unauthorizedBody = (await call(target, 'GET /api/forms/:id', formId, {})).text;
      missingBody = (await call(target, 'GET /api/forms/:id', MISSING_ID, auth(tokens.owner!))).text;
      expect(JSON.parse(unauthorizedBody).error.code).toBe('unauthorized');
      expect(JSON.parse(missingBody).error.code).toBe('not_found');
    });

    it('lets the owner read the form and records the unit and the signed-in name', async () => {
      const response = await target.fetch(`/api/forms/${formId}/history`, { headers: auth(tokens.owner!) });
      expect(response.status).toBe(200);
      const history = (await response.json()) as { versions?: { by: string }[] } | { by: string }[];
      expect(JSON.stringify(history)).toContain('"by":"owner"');
      const list = (await (await target.fetch('/api/forms', { headers: auth(tokens.owner!) })).json()) as {
        items: { id: string; unit?: string }[];
      };
      expect(list.items.map((i) => [i.id, i.unit])).toEqual([[formId, UNITS.own]]);
    });

    const anonymous: [string, () => Record<string, string>][] = [
      ['nobody', () => ({})],
      ['a forged token', () => auth(`zpt_${'A'.repeat(43)}`)],
      ['a malformed Authorization header', () => ({ authorization: 'Basic b3duZXI6cGFzcw==' })],
      ['a forged session cookie', () => ({ cookie: `ziping_session=zps_${'B'.repeat(43)}` })],
      ['a revoked token', () => auth(tokens.revoked!)],
    ];
    for (const [who, headers] of anonymous) {
      it(`answers every non-public route with the same 401 for ${who}`, async () => {
        for (const route of notPublic) {
          const { status, text } = await call(target, route, formId, headers());
          expect([route, status, text]).toEqual([route, 401, unauthorizedBody]);
        }
      });
    }

    for (const who of ['otherFiller', 'farReviewer'] as const) {
      it(`answers every form route of another unit (${who}) with the 404 of a missing form`, async () => {
        for (const route of formRoutes) {
          const { status, text } = await call(target, route, formId, auth(tokens[who]!));
          expect([route, status, asMissing(text)]).toEqual([route, 404, missingBody]);
        }
      });
      it(`does not list another unit's form (${who})`, async () => {
        const list = await (await target.fetch('/api/forms', { headers: auth(tokens[who]!) })).json();
        expect(list).toEqual({ items: [], nextCursor: null });
      });
    }

    it('skips only routes that are in the access table', () => {
      for (const route of Object.values(ALLOWED_FORM_WRITES).flat()) expect(formOtherRoutes).toContain(route);
      for (const route of Object.values(ALLOWED_OWN_UNIT).flat()) expect(ownUnitRoutes).toContain(route);
    });

    for (const who of ['reviewer', 'admin'] as const) {
      it(`lets a ${who} of the unit above read but answers 403 to the rest`, async () => {
        for (const route of formReadRoutes) {
          const { status } = await call(target, route, formId, auth(tokens[who]!));
          expect([route, status]).toEqual([route, 200]);
        }
        for (const route of formOtherRoutes) {
          if (ALLOWED_FORM_WRITES[who].includes(route)) continue; // would change the form
          const { status, text } = await call(target, route, formId, auth(tokens[who]!));
          expect([route, status, JSON.parse(text).error.code]).toEqual([route, 403, 'forbidden']);
        }
      });
    }

    const roles = { owner: 'filler', otherFiller: 'filler', reviewer: 'reviewer', admin: 'admin' } as const;
    for (const [who, role] of Object.entries(roles)) {
      it(`answers 403 to the own-unit routes a ${who} has no right to`, async () => {
        for (const route of ownUnitRoutes) {
          if (ALLOWED_OWN_UNIT[role].includes(route)) continue;
          const { status, text } = await call(target, route, formId, auth(tokens[who]!));
          expect([route, status, JSON.parse(text).error.code]).toEqual([route, 403, 'forbidden']);
        }
      });
    }

    it('keeps a revoked token dead after its user is restored; a new token works', async () => {
      await target.restore('gone');
      for (const route of ['GET /api/forms', 'GET /api/forms/:id']) {
        const { status, text } = await call(target, route, formId, auth(tokens.revoked!));
        expect([route, status, text]).toEqual([route, 401, unauthorizedBody]);
      }
      const fresh = await target.fetch('/api/users/gone/tokens', { method: 'POST', headers: auth(tokens.admin!) });
      expect(fresh.status).toBe(201);
      const { token } = (await fresh.json()) as { token: string };
      expect((await target.fetch('/api/forms', { headers: auth(token) })).status).toBe(200);
    });

    it('still serves the form to its owner after all of that (nothing changed)', async () => {
      const response = await target.fetch(`/api/forms/${formId}`, { headers: auth(tokens.owner!) });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { version: number }).version).toBe(1);
    });

    it('runs the review with real roles: the unit submits, the reviewer above returns and accepts', async () => {
      const post = async (who: string, action: string, body: unknown = {}) => {
        const response = await target.fetch(`/api/forms/${formId}/${action}`, {
          method: 'POST',
          headers: { ...auth(tokens[who]!), 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return [response.status, (await response.json()) as { status?: string; error?: { code: string } }] as const;
      };
      expect((await post('reviewer', 'submit'))[0]).toBe(403);
      const [submitted, review] = await post('owner', 'submit');
      expect([submitted, review.status]).toEqual([200, 'submitted']);
      expect((await post('owner', 'accept'))[0]).toBe(403);
      expect((await post('farReviewer', 'accept'))[0]).toBe(404);
      const put = await target.fetch(`/api/forms/${formId}`, {
        method: 'PUT',
        headers: { ...auth(tokens.owner!), 'content-type': 'application/json', 'if-match': '"1"' },
        body: JSON.stringify(formBody()),
      });
      expect([put.status, ((await put.json()) as { error: { code: string } }).error.code]).toEqual([
        423,
        'form_locked',
      ]);
      const [returned, back] = await post('reviewer', 'return', { reasons: ['请补充偏差原因'] });
      expect([returned, back.status]).toEqual([200, 'returned']);
      expect((await post('owner', 'submit'))[0]).toBe(200);
      const [accepted, done] = await post('reviewer', 'accept');
      expect([accepted, done.status]).toEqual([200, 'accepted']);
      const history = await target.fetch(`/api/forms/${formId}/review`, { headers: auth(tokens.owner!) });
      const steps = ((await history.json()) as { transitions: { action: string; by: string }[] }).transitions;
      expect(steps.map((t) => `${t.action}:${t.by}`)).toEqual([
        'submit:owner',
        'return:reviewer',
        'submit:owner',
        'accept:reviewer',
      ]);
    });
  });
}

/** The page's account calls (issue #12): session, sign-in and -out, and the administrator's user list. */
import { api, errorOf, send } from './api-client.js';
import type { SessionState } from './session-state.js';

export interface UserRow {
  name: string;
  unit: string;
  role: string;
  roleLabel: string;
  /** When the user was revoked; null while active. */
  disabledAt: string | null;
}

async function ok(response: Response): Promise<Response> {
  if (!response.ok) throw await errorOf(response);
  return response;
}

/** GET /api/session. */
export async function fetchSession(): Promise<SessionState> {
  return (await (await ok(await send(api.session.$get()))).json()) as SessionState;
}

/** POST /api/session: signs in; the server sets the cookie. */
export async function signIn(name: string, password: string): Promise<SessionState> {
  const response = await ok(await send(api.session.$post({ json: { name, password } })));
  return (await response.json()) as SessionState;
}

/** DELETE /api/session. */
export async function signOut(): Promise<void> {
  await ok(await send(api.session.$delete()));
}

/** GET /api/users (administrators). */
export async function listUsers(): Promise<UserRow[]> {
  return ((await (await ok(await send(api.users.$get()))).json()) as { items: UserRow[] }).items;
}

/** POST /api/users: returns the new user's token (shown once). */
export async function createUser(input: { name: string; unit: string; role: string; password?: string }) {
  const response = await ok(await send(api.users.$post({ json: input })));
  return (await response.json()) as { user: UserRow; token: string };
}

/** POST /api/users/:name/revoke. */
export async function revokeUser(name: string): Promise<number> {
  const response = await ok(await send(api.users[':name'].revoke.$post({ param: { name } })));
  return ((await response.json()) as { revokedTokens: number }).revokedTokens;
}

/** POST /api/users/:name/restore: the account is active again (its old tokens stay revoked). */
export async function restoreUser(name: string): Promise<void> {
  await ok(await send(api.users[':name'].restore.$post({ param: { name } })));
}

/**
 * The page's session (issue #12): whether the server needs sign-in, who is signed in, and the CSRF
 * token every write made with the session cookie must carry. Set once at start and after sign-in.
 */
export interface SessionUser {
  name: string;
  unit: string;
  role: 'filler' | 'reviewer' | 'admin';
  roleLabel: string;
}

export interface SessionState {
  auth: boolean;
  user: SessionUser | null;
  csrfToken: string | null;
}

let state: SessionState = { auth: false, user: null, csrfToken: null };

/** Records the session the server reported. */
export function setSession(next: SessionState): void {
  state = next;
}

/** The current session. */
export function session(): SessionState {
  return state;
}

/** The header that lets the server accept this page's writes (none without a session). */
export function csrfHeaders(): Record<string, string> {
  return state.csrfToken ? { 'X-Ziping-CSRF': state.csrfToken } : {};
}

/**
 * Reads the session when the page starts (issue #12). On a laptop (no accounts) the 署名 box stays
 * as it is; only a team server loads the account corner (account-box.ts), so a single-user page
 * does not fetch its code (first-load budget, issue #9).
 */
import { fetchSession } from './account-api.js';
import { session, setSession } from './session-state.js';

/** Reads the session and fills the account corner; resolves once the page may load its data. */
export async function mountAccountBox(box: HTMLElement): Promise<void> {
  try {
    setSession(await fetchSession());
  } catch {
    return; // an older server without sessions: keep the 署名 box
  }
  if (!session().auth) return;
  const { fillAccountBox } = await import('./account-box.js');
  await fillAccountBox(box);
}

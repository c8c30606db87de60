/**
 * Who is asking. On a laptop (no accounts) every request comes from the local actor, who may do
 * everything, as before issue #12; with accounts on, a signed-in user or a token's owner.
 */
import type { Role } from './roles.js';

export type Actor =
  | { kind: 'local' }
  /** Nobody signed in on a server with accounts: may use public routes only. */
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      /** The sign-in name, shown in history and the audit log instead of the old 署名 box. */
      name: string;
      /** The user's unit path. */
      unit: string;
      role: Role;
    };

/** The actor of a server without accounts. */
export const LOCAL_ACTOR: Actor = Object.freeze({ kind: 'local' });

/** The caller of a server with accounts who has not signed in. */
export const ANONYMOUS_ACTOR: Actor = Object.freeze({ kind: 'anonymous' });

/** The name written to history and the audit log for this actor (`fallback` for the local one). */
export function actorName(actor: Actor, fallback: string): string {
  return actor.kind === 'user' ? actor.name : fallback;
}

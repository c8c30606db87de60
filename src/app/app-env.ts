/**
 * The per-request values every router can read with `c.get(...)`. The access layer sets `actor`
 * before any route runs (issue #12); without accounts it is the local actor.
 */
import type { Actor } from '../core/access/actor.js';

export interface AppEnv {
  Variables: {
    /** Who is asking (set once per request by the access layer). */
    actor: Actor;
  };
}

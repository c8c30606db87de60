/**
 * The per-request values every router can read with `c.get(...)`. The access layer sets `actor`
 * before any route runs (issue #12); without accounts it is the local actor.
 */
import type { Actor } from '../core/access/actor.js';
import type { TextModel } from '../drafting/text-model.js';
import type { Drafter } from '../drafting/types.js';

export interface AppEnv {
  Variables: {
    /** Who is asking (set once per request by the access layer). */
    actor: Actor;
    /**
     * The unit of the form the route works on, set by the access layer once it has looked it up
     * (issue #12); the audit log records it. Unset without accounts.
     */
    formUnit?: string;
    /** The drafter of a drafting or chat request, metered by the quota middleware (quotas.ts). */
    drafter?: Drafter;
    /** The model of import help and report prose, metered by the quota middleware (quotas.ts). */
    textModel?: TextModel;
  };
}

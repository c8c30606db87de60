/**
 * The per-request values every router can read with `c.get(...)`. The access layer sets `actor`
 * before any route runs (issue #12); without accounts it is the local actor.
 */
import type { Actor } from '../core/access/actor.js';
import type { TextModel } from '../drafting/text-model.js';
import type { Drafter } from '../drafting/types.js';
import type { FormRecord } from '../store/repository.js';
import type { RequestRoute } from './access/matched-policy.js';

export interface AppEnv {
  Variables: {
    /** Who is asking (set once per request by the access layer). */
    actor: Actor;
    /**
     * The unit of the form the route works on, set by the access layer once it has looked it up
     * (issue #12); the audit log records it. Unset without accounts.
     */
    formUnit?: string;
    /**
     * The form record the access layer read to check the caller's rights on it (issue #9: each
     * request reads the store once); form routes take it with `checkedForm` (access/checked-form.ts).
     * Unset without accounts, where the check needs no record.
     */
    formRecord?: FormRecord;
    /** The route that answers and its policy, found once per request (access/matched-policy.ts). */
    route?: RequestRoute;
    /** The drafter of a drafting or chat request, metered by the quota middleware (quotas.ts). */
    drafter?: Drafter;
    /** The model of import help and report prose, metered by the quota middleware (quotas.ts). */
    textModel?: TextModel;
  };
}

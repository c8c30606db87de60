/**
 * The hook through which other parts refuse access to a form by its state (issue #12: a submitted
 * form is read-only for its unit). The access check calls every guard of `deps.formGuards` for a
 * `form` route after the caller's rights passed and before the handler runs; a guard refuses by
 * throwing a ZipingError (its own code and status), and allows by returning.
 */
import type { Actor } from '../../core/access/actor.js';
import type { Right } from '../../core/access/rights.js';

export interface FormGuardInput {
  /** The form's id (the form exists and the caller may read it). */
  formId: string;
  /** The right the route needs: `read`, `edit`, `submit`, `review`… */
  right: Right;
  actor: Actor;
  /** The route, as its policy key: `PUT /api/forms/:id`. */
  route: string;
}

/** Throws to refuse; returns (or resolves) to allow. */
export type FormGuard = (input: FormGuardInput) => void | Promise<void>;

/**
 * Scoring the working copy in the page: the schema's problems and the score report of the form as
 * it stands, with no round trip. Never throws, so every keystroke can rescore.
 *
 * The schema check (form-validation.ts, with zod) is loaded as a chunk of its own after the page
 * starts, so the editor's first load carries no zod; until it arrives a form is scored as it
 * stands, and whatever must not miss a schema problem (saving, printing) awaits `loadValidation()`.
 */
import { DEFAULT_FUNDING_UNIT } from '../core/schema/choices.js';
import { ZipingError, type FieldIssue } from '../core/errors.js';
import { DEFAULT_PROFILE_ID } from '../core/profiles/index.js';
import type { Form, FormInput } from '../core/schema/form.js';
import type { ScoreReport } from '../core/schema/report.js';
import { scoreForm } from '../core/scoring/score-form.js';
import type { validateForm } from './form-validation.js';
import { pathLabel } from './format.js';

/** The result of scoring the working copy. */
export interface Evaluation {
  form: Form;
  report: ScoreReport;
  /** Schema problems and numbers that could not be read, with the field's path. */
  validation: FieldIssue[];
}

let validate: typeof validateForm | undefined;
let loading: Promise<void> | undefined;

/** Loads the schema check once; settles when `evaluate` checks the schema too. */
export function loadValidation(): Promise<void> {
  loading ??= import('./form-validation.js').then((module) => {
    validate = module.validateForm;
  });
  return loading;
}

/** True once the schema check is loaded. */
export function validationLoaded(): boolean {
  return validate !== undefined;
}

/** Scores a working copy; never throws (an unknown profile falls back to the default and is reported). */
export function evaluate(input: FormInput, unreadable: ReadonlyMap<string, string> = new Map()): Evaluation {
  const checked = validate?.(input);
  const validation: FieldIssue[] = checked ? [...checked.issues] : [];
  // The editor only ever produces the right types, so a form that fails the schema (an empty name,
  // a negative weight) can still be scored as it stands; the failures are listed as errors.
  const form = checked?.form ?? (withDefaults(input) as Form);
  let report: ScoreReport;
  try {
    report = scoreForm(form);
  } catch (error) {
    if (!(error instanceof ZipingError)) throw error;
    validation.push(...(error.issues ?? [{ path: 'profile', code: error.code, message: error.message }]));
    report = scoreForm(form, { profile: DEFAULT_PROFILE_ID });
  }
  for (const [path, text] of unreadable) {
    validation.push({ path, code: 'not_a_number', message: `${pathLabel(path)}应为数字，“${text}”无法识别` });
  }
  return { form, report, validation };
}

/** The schema's defaults, for a form scored as it stands. */
function withDefaults(input: FormInput): FormInput {
  const form = { ...input, formType: input.formType ?? 'project' };
  if (form.funding) form.funding = { ...form.funding, unit: form.funding.unit ?? DEFAULT_FUNDING_UNIT };
  return form;
}

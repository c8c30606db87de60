/**
 * Scoring the working copy in the page: the schema's problems and the score report of the form as
 * it stands, with no round trip. Never throws, so every keystroke can rescore.
 */
import {
  DEFAULT_PROFILE_ID,
  FormSchema,
  ZipingError,
  fieldIssuesOf,
  scoreForm,
  type FieldIssue,
  type Form,
  type FormInput,
  type ScoreReport,
} from '../core/index.js';
import { pathLabel } from './format.js';

/** The result of scoring the working copy. */
export interface Evaluation {
  form: Form;
  report: ScoreReport;
  /** Schema problems and numbers that could not be read, with the field's path. */
  validation: FieldIssue[];
}

/** Scores a working copy; never throws (an unknown profile falls back to the default and is reported). */
export function evaluate(input: FormInput, unreadable: ReadonlyMap<string, string> = new Map()): Evaluation {
  const parsed = FormSchema.safeParse(input);
  const validation: FieldIssue[] = parsed.success ? [] : fieldIssuesOf(parsed.error);
  // The editor only ever produces the right types, so a form that fails the schema (an empty name,
  // a negative weight) can still be scored as it stands; the failures are listed as errors.
  const form = parsed.success ? parsed.data : (withDefaults(input) as Form);
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

/** The schema's defaults, for a form that fails the schema and is scored as it stands. */
function withDefaults(input: FormInput): FormInput {
  const form = { ...input, formType: input.formType ?? 'project' };
  if (form.funding) form.funding = { ...form.funding, unit: form.funding.unit ?? '万元' };
  return form;
}

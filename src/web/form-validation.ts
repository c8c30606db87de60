/**
 * The schema check of the page's working copy (the form schema of core, with zod). A chunk of its
 * own, loaded after the editor is drawn (evaluation.ts): zod is a third of the page's script, and
 * scoring a form that types right needs none of it.
 */
import { config } from 'zod';
import type { FieldIssue } from '../core/errors.js';
import { FormSchema, type Form, type FormInput } from '../core/schema/form.js';
import { fieldIssuesOf } from '../core/schema/validate.js';

// The page's Content-Security-Policy forbids `new Function`, which zod would otherwise use.
config({ jitless: true });

/** The form as the schema reads it, or null with the schema's problems. */
export function validateForm(input: FormInput): { form: Form; issues: [] } | { form: null; issues: FieldIssue[] } {
  const parsed = FormSchema.safeParse(input);
  return parsed.success ? { form: parsed.data, issues: [] } : { form: null, issues: fieldIssuesOf(parsed.error) };
}

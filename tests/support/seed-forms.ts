/**
 * Forms for store and service tests: the published 2022 BAAI self-evaluation (a copy of
 * shared/seed/baai-2022.json) and variants of it with other names, years and departments.
 */
import { parseForm, scoreForm, type Form, type FormInput } from '../../src/core/index.js';
import type { SaveInput } from '../../src/store/repository.js';
// Imported rather than read from disk, so the Workers tests (no file system) use it too
import SEED from './baai-2022.seed.json' with { type: 'json' };

/** The seed form as a client would send it (a fresh copy each call). */
export function seedInput(): FormInput {
  return structuredClone(SEED) as unknown as FormInput;
}

/** The validated seed form, optionally renamed and moved to another year or department. */
export function seedForm(
  changes: { name?: string; year?: number; department?: string; implementer?: string } = {},
): Form {
  const input = seedInput();
  if (changes.name !== undefined) input.project.name = changes.name;
  if (changes.year !== undefined) input.year = changes.year;
  if (changes.department !== undefined) input.project.department = changes.department;
  if (changes.implementer !== undefined) input.project.implementer = changes.implementer;
  return parseForm(input);
}

/** A SaveInput for `form`, scored, saved by `by` at `at`. */
export function saveInputFor(form: Form, options: Partial<Omit<SaveInput, 'form' | 'report'>> = {}): SaveInput {
  return {
    form,
    report: scoreForm(form),
    by: options.by ?? '测试员',
    at: options.at ?? new Date(),
    origins: options.origins,
  };
}

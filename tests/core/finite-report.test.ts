import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ZipingError } from '../../src/core/errors.js';
import { scoreForm, type ScoreReport } from '../../src/core/index.js';
import { assertFiniteReport, firstNonFinite } from '../../src/core/scoring/finite-report.js';
import { fixtureForm, fixtureIds } from '../support/fixture-form.js';
import { seedForm } from '../support/seed-forms.js';
import { ScoreReportSchema } from '../../src/core/schema/report.js';

/** The dotted paths of every number field a schema allows (`*` for an array's items). */
function numberFieldsOf(schema: z.ZodType, prefix = ''): string[] {
  const def = schema.def as { type: string; innerType?: z.ZodType; element?: z.ZodType };
  if (def.type === 'number') return [prefix];
  if (def.type === 'nullable' || def.type === 'optional') return numberFieldsOf(def.innerType!, prefix);
  if (def.type === 'array') return numberFieldsOf(def.element!, `${prefix}.*`);
  if (def.type !== 'object') return [];
  const shape = (schema as z.ZodObject).shape as Record<string, z.ZodType>;
  return Object.entries(shape).flatMap(([key, field]) => numberFieldsOf(field, prefix ? `${prefix}.${key}` : key));
}

/** Every number in `value` by its dotted path. */
function numberPaths(value: unknown, path = ''): string[] {
  if (typeof value === 'number') return [path];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => numberPaths(item, path ? `${path}.${key}` : key));
}

/** A copy of `report` with the number at `path` replaced by `bad`. */
function withNumber(report: ScoreReport, path: string, bad: number): ScoreReport {
  const copy = structuredClone(report);
  const keys = path.split('.');
  let at = copy as unknown as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys.at(-1)!] = bad;
  return copy;
}

const reports: [string, ScoreReport][] = [
  ['seed', scoreForm(seedForm())],
  ...fixtureIds().map((id): [string, ScoreReport] => [id, scoreForm(fixtureForm(id))]),
];

describe('assertFiniteReport reads every number of a report (issues #8, #9)', () => {
  it.each(reports)('%s: passes as scored, and refuses each of its numbers made non-finite', (_name, report) => {
    expect(assertFiniteReport(report)).toBe(report);
    const paths = numberPaths(report);
    expect(paths.length).toBeGreaterThan(10);
    paths.forEach((path, i) => {
      const bad = [Number.POSITIVE_INFINITY, Number.NaN, Number.NEGATIVE_INFINITY][i % 3]!;
      const broken = withNumber(report, path, bad);
      expect(firstNonFinite(broken)).toBe(path);
      let error: unknown = null;
      try {
        assertFiniteReport(broken);
      } catch (e) {
        error = e;
      }
      expect(error, path).toBeInstanceOf(ZipingError);
      expect((error as ZipingError).code).toBe('non_finite_number');
      expect((error as ZipingError).issues?.[0]?.path).toBe(path);
    });
  });

  it('the reports above hold every number field the report schema has', () => {
    const fields = new Set(reports.flatMap(([, r]) => numberPaths(r).map((p) => p.replace(/\.\d+\./, '.*.'))));
    const schemaFields = numberFieldsOf(ScoreReportSchema);
    expect(schemaFields.length).toBeGreaterThan(10);
    expect(schemaFields.filter((field) => !fields.has(field))).toEqual([]);
  });
});

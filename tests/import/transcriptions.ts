/**
 * The fixtures' transcriptions (fixtures/forms/NN.json, their own field names) and the seed
 * (the project's form format) as flat `path → value` maps, so an import compares field by field.
 */
import { readFileSync } from 'node:fs';
import type { Form } from '../../src/core/index.js';

export const SHARED = new URL('../../../shared/', import.meta.url);
export type Flat = Record<string, string | number | null>;

/** Text compared without whitespace: line breaks of a PDF or web page are not content. */
function norm(value: unknown): string | number | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') return value;
  return String(value).replace(/\s+/g, '');
}

interface Row {
  level1?: unknown;
  level2?: unknown;
  name?: unknown;
  target?: unknown;
  actual?: unknown;
  weight?: unknown;
}

function rows(out: Flat, list: Row[], score: (row: never) => unknown, deviation: (row: never) => unknown): void {
  list.forEach((row, i) => {
    for (const key of ['level1', 'level2', 'name', 'target', 'actual', 'weight'] as const)
      out[`indicators.${i}.${key}`] = norm(row[key]);
    out[`indicators.${i}.score`] = norm(score(row as never));
    out[`indicators.${i}.deviation`] = norm(deviation(row as never));
  });
}

/** An imported form, flattened to the fields the transcriptions hold. */
export function flattenForm(form: Form): Flat {
  const total = form.funding?.total;
  const out: Flat = {
    year: form.year,
    'project.name': norm(form.project.name),
    'project.department': norm(form.project.department),
    'project.implementer': norm(form.project.implementer),
    'funding.unit': form.funding?.unit ?? null,
    'funding.weight': form.funding?.weight ?? null,
    'funding.total.initial': total?.initial ?? null,
    'funding.total.annual': total?.annual ?? null,
    'funding.total.executed': total?.executed ?? null,
    'funding.total.score': total?.score ?? null,
    'goals.expected': norm(form.goals?.expected),
    'goals.actual': norm(form.goals?.actual),
    selfTotal: form.selfTotal ?? null,
    'indicators.length': form.indicators.length,
  };
  rows(
    out,
    form.indicators,
    (r: { score?: unknown }) => r.score,
    (r: { deviation?: unknown }) => r.deviation,
  );
  return out;
}

/** A fixture transcription (fixtures/forms/NN.json), flattened the same way. */
export function flattenFixture(id: string): Flat {
  const f = JSON.parse(readFileSync(new URL(`fixtures/forms/${id}.json`, SHARED), 'utf8'));
  const out: Flat = {
    year: f.year,
    'project.name': norm(f.project),
    'project.department': norm(f.department),
    'project.implementer': norm(f.implementingUnit),
    'funding.unit': f.currencyUnit,
    'funding.weight': f.funding.weight,
    'funding.total.initial': f.funding.initialBudget,
    'funding.total.annual': f.funding.annualBudget,
    'funding.total.executed': f.funding.executed,
    'funding.total.score': f.funding.publishedScore,
    'goals.expected': norm(f.overallGoal.expected),
    'goals.actual': norm(f.overallGoal.actual),
    selfTotal: f.publishedTotal ?? null,
    'indicators.length': f.indicators.length,
  };
  rows(
    out,
    f.indicators,
    (r: { publishedScore?: unknown }) => r.publishedScore,
    (r: { deviationNote?: unknown }) => r.deviationNote,
  );
  return out;
}

/** The seed form (already in the project's format), flattened. */
export function flattenSeed(): Flat {
  return flattenForm(JSON.parse(readFileSync(new URL('seed/baai-2022.json', SHARED), 'utf8')) as Form);
}

/** Paths whose values differ between two flat maps. */
export function differences(actual: Flat, expected: Flat): Record<string, { imported: unknown; transcribed: unknown }> {
  const out: Record<string, { imported: unknown; transcribed: unknown }> = {};
  for (const key of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
    if ((actual[key] ?? null) !== (expected[key] ?? null))
      out[key] = { imported: actual[key] ?? null, transcribed: expected[key] ?? null };
  }
  return out;
}

/**
 * Converts a transcribed real form of shared/fixtures/forms (its own field names) to our form
 * format (form-format.md §1), keeping every value as published.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseForm, type Form } from '../../src/core/index.js';

const DIR = fileURLToPath(new URL('../../../shared/fixtures/forms/', import.meta.url));

interface FixtureRow {
  level1: string | null;
  level2: string | null;
  name: string | null;
  target: string | null;
  actual: string | null;
  weight: number | null;
  publishedScore: number | null;
  deviationNote: string | null;
}

export interface Fixture {
  id: string;
  project: string;
  department: string | null;
  implementingUnit: string | null;
  year: number;
  currencyUnit: string;
  funding: {
    initialBudget: number | null;
    annualBudget: number | null;
    executed: number | null;
    weight: number | null;
    publishedScore: number | null;
  };
  overallGoal: { expected: string | null; actual: string | null };
  indicators: FixtureRow[];
  publishedTotal: number | null;
  anomalies: string[];
}

/** Every fixture id (01, 02, …) on disk. */
export function fixtureIds(): string[] {
  return readdirSync(DIR)
    .filter((f) => /^\d+\.json$/.test(f))
    .map((f) => f.replace('.json', ''))
    .sort();
}

/** The transcription as published. */
export function readFixture(id: string): Fixture {
  return { id, ...JSON.parse(readFileSync(`${DIR}${id}.json`, 'utf8')) };
}

/** The fixture as a form of ours. */
export function fixtureForm(id: string): Form {
  const f = readFixture(id);
  return parseForm({
    formType: /部门整体/.test(f.project) ? 'department' : 'project',
    year: f.year,
    project: { name: f.project, department: f.department, implementer: f.implementingUnit },
    funding: {
      unit: f.currencyUnit === '元' ? '元' : '万元',
      weight: f.funding.weight,
      total: {
        initial: f.funding.initialBudget,
        annual: f.funding.annualBudget,
        executed: f.funding.executed,
        score: f.funding.publishedScore,
      },
    },
    goals: { expected: f.overallGoal.expected, actual: f.overallGoal.actual },
    indicators: f.indicators.map((r) => ({
      level1: r.level1 ?? '',
      level2: r.level2,
      name: r.name ?? '',
      target: r.target,
      actual: r.actual,
      weight: r.weight,
      score: r.publishedScore,
      deviation: r.deviationNote,
    })),
    selfTotal: f.publishedTotal,
  });
}

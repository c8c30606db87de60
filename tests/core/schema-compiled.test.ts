/**
 * zod's compiled twin of a schema (core/schema/compiled.ts) answers exactly as the schema: on the
 * real forms (the seed, every published fixture) and on forms fuzzed from them — values of every
 * wrong type, nulls, absent and unknown keys, limits just over and under, digit runs, decimals,
 * `__proto__` keys — the same success, the same output (values, keys and key order, defaults), the
 * same issues. The route bodies (a bare form or `{ form }`) are held equal the same way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from '@hono/zod-openapi';
import { formBody, Form } from '../../src/app/schemas.js';
import { compiledSchema } from '../../src/core/schema/compiled.js';
import { FormSchema } from '../../src/core/schema/form.js';
import { MAX_CELL_CHARS, MAX_LONG_CELL_CHARS, MAX_NUMBER_DIGITS } from '../../src/core/limits.js';
import { fixtureIds, readFixture } from '../support/fixture-form.js';
import { expectSameAnswer } from '../support/same-answer.js';
import { seedInput } from '../support/seed-forms.js';

const SEED = 20261201;

/** The fixtures as clients send them: every published value, nothing validated yet. */
function realInputs(): unknown[] {
  const fixtures = fixtureIds().map((id) => {
    const f = readFixture(id);
    return {
      year: f.year,
      project: { name: f.project, department: f.department, implementer: f.implementingUnit },
      funding: {
        unit: f.currencyUnit,
        weight: f.funding.weight,
        total: { initial: f.funding.initialBudget, annual: f.funding.annualBudget, executed: f.funding.executed },
      },
      goals: { expected: f.overallGoal.expected, actual: f.overallGoal.actual },
      indicators: f.indicators.map((r) => ({ ...r, score: r.publishedScore, publishedScore: undefined })),
      selfTotal: f.publishedTotal,
    };
  });
  return [seedInput(), ...fixtures];
}

/** A value for a cell: the wrong types, the edges of each limit, what real cells hold. */
const cellValue = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    true,
    0,
    -0,
    -1,
    0.1,
    1e-7,
    1.23456789,
    12.345678,
    100,
    100.0000001,
    1e12,
    1e13,
    1990,
    2100,
    2101,
    '',
    ' ',
    '达成',
    '部分达成',
    '未达成',
    '元',
    '万元',
    '百万元',
    'project',
    'department',
    '≥95%',
    '１２３４５６７８９０１２３４５６７８９０１',
    '9'.repeat(MAX_NUMBER_DIGITS),
    '9'.repeat(MAX_NUMBER_DIGITS + 1),
    `指标${'1'.repeat(MAX_NUMBER_DIGITS + 1)}个`,
    'x'.repeat(MAX_CELL_CHARS),
    'x'.repeat(MAX_CELL_CHARS + 1),
    'x'.repeat(MAX_LONG_CELL_CHARS + 1),
    [],
    {},
  ),
  fc.string({ maxLength: 30 }),
  fc.double({ min: -10, max: 1e13, noNaN: true }),
  fc.integer({ min: -5, max: 3000 }),
);

/** Where a mutation lands: a path into a real form (a row, a funding row, the project, the top). */
const FIELDS = {
  top: ['formType', 'year', 'profile', 'project', 'funding', 'goals', 'indicators', 'selfTotal', 'extra'],
  project: ['name', 'department', 'implementer', 'manager', 'phone', 'extra'],
  funding: ['unit', 'weight', 'total', 'appropriation', 'carryover', 'other', 'reason', 'extra'],
  fundingRow: ['initial', 'annual', 'executed', 'score', 'extra'],
  goals: ['expected', 'actual', 'notes', 'extra'],
  row: ['level1', 'level2', 'name', 'target', 'actual', 'weight', 'score', 'grade', 'deviation', 'notes', 'extra'],
};

const mutation = fc.record({
  where: fc.constantFrom('top', 'project', 'funding', 'fundingRow', 'goals', 'row'),
  pick: fc.nat(),
  row: fc.nat(),
  value: cellValue,
  remove: fc.boolean(),
});

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function targetOf(form: Record<string, any>, m: Mutation): Record<string, unknown> | null {
  if (m.where === 'top') return form;
  if (m.where === 'row') return form.indicators?.[m.row % Math.max(form.indicators?.length ?? 1, 1)] ?? null;
  if (m.where === 'fundingRow') return form.funding?.total ?? null;
  return form[m.where] ?? null;
}

/** A real form with a few cells changed or removed. */
function mutated(base: unknown, changes: Mutation[]): unknown {
  const form = structuredClone(base) as Record<string, any>;
  for (const m of changes) {
    const target = targetOf(form, m);
    if (target === null || typeof target !== 'object') continue;
    const fields = FIELDS[m.where as keyof typeof FIELDS];
    const key = fields[m.pick % fields.length]!;
    if (m.remove) delete target[key];
    else target[key] = m.value;
  }
  return form;
}

describe('the compiled form schema answers as the schema', () => {
  const inputs = realInputs();

  it('is compiled on Node (the fast path is in use, not silently the runtime)', () => {
    expect(compiledSchema(FormSchema)).not.toBe(FormSchema);
    expect(compiledSchema(FormSchema)).toBe(compiledSchema(FormSchema));
  });

  it.each(inputs.map((input, i) => [i, input]))('real form %i: same output', (_, input) => {
    expectSameAnswer(FormSchema, input);
  });

  it('on real forms fuzzed cell by cell: same success, output and issues', () => {
    fc.assert(
      fc.property(fc.nat(inputs.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), (i, changes) => {
        expectSameAnswer(FormSchema, mutated(inputs[i], changes));
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it('on non-objects, empty objects and __proto__ keys', () => {
    const seedText = JSON.stringify(seedInput());
    for (const input of [
      null,
      [],
      'form',
      {},
      { year: 2022 },
      JSON.parse(`{"__proto__":{"year":1},${seedText.slice(1)}`),
      JSON.parse(seedText.replace('"level1"', '"__proto__":{"x":1},"level1"')),
    ]) {
      expectSameAnswer(FormSchema, input);
    }
  });
});

describe('the compiled route body answers as the body schema', () => {
  const body = formBody(z.strictObject({ form: Form }), 'CompiledTestRequest', '测试');
  const inputs = realInputs();

  it('bare forms and envelopes, real and fuzzed', () => {
    expect(compiledSchema(body)).not.toBe(body);
    fc.assert(
      fc.property(
        fc.nat(inputs.length - 1),
        fc.array(mutation, { maxLength: 3 }),
        fc.constantFrom('bare', 'envelope', 'extra'),
        (i, changes, wrap) => {
          const form = mutated(inputs[i], changes);
          const input = wrap === 'bare' ? form : wrap === 'envelope' ? { form } : { form, extra: 1 };
          expectSameAnswer(body, input);
        },
      ),
      { seed: SEED, numRuns: 600 },
    );
  });
});

/**
 * Patches between JSON values (the history of lowdb and PostgreSQL stores): applying the diff of
 * two values to the first gives the second, and a patch names only what changed.
 */
import { describe, expect, it } from 'vitest';
import { applyPatch, diffJson } from '../../src/store/form-patch.js';
import { seedForm } from '../support/seed-forms.js';

const base = { a: 1, b: 'x', list: [1, 2, 3], nested: { c: null as null | number, d: [{ e: 'f' }] } };

const cases: [string, unknown, unknown][] = [
  ['equal values', base, structuredClone(base)],
  ['a changed leaf', base, { ...base, a: 2 }],
  ['an added key', base, { ...base, z: { deep: true } }],
  ['a removed key', base, { a: 1, list: [1, 2, 3], nested: base.nested }],
  ['a shorter array', base, { ...base, list: [1] }],
  ['a longer array', base, { ...base, list: [1, 2, 3, 4, 5] }],
  ['an empty array', base, { ...base, list: [] }],
  ['a leaf that became an object', base, { ...base, a: { was: 1 } }],
  ['an object that became an array', base, { ...base, nested: [1, 2] }],
  ['null and back', base, { ...base, nested: { c: 5, d: [] } }],
  ['a whole other root', base, [1, 'two']],
];

describe('diffJson / applyPatch', () => {
  it.each(cases)('round-trips %s', (_name, before, after) => {
    const patch = diffJson(before, after);
    expect(applyPatch(before, patch)).toEqual(after);
    expect(JSON.parse(JSON.stringify(applyPatch(before, JSON.parse(JSON.stringify(patch)))))).toEqual(after);
    expect(before).toEqual(base); // never changed in place
  });

  it('is empty for equal values and names only the changed cells of a real form', () => {
    const form = seedForm();
    expect(diffJson(form, structuredClone(form))).toEqual([]);
    const edited = structuredClone(form);
    edited.indicators[3]!.actual = '2次';
    edited.indicators.splice(10);
    const patch = diffJson(form, edited);
    expect(patch).toEqual([
      { p: ['indicators', 3, 'actual'], v: '2次' },
      { p: ['indicators'], n: 10 },
    ]);
    expect(applyPatch(form, patch)).toEqual(edited);
    expect(applyPatch(edited, diffJson(edited, form))).toEqual(form);
  });
});

/**
 * Row flags have one home (src/core/schema/flags.ts): every flag the scorer sets on the real
 * published forms and on the seed is in the list with a Chinese label, and the report's schema
 * refuses a flag that is not.
 */
import { describe, expect, it } from 'vitest';
import { IndicatorResultSchema, listProfiles, parseForm, scoreForm } from '../../src/core/index.js';
import { FLAG_LABELS, FLAGS, flagLabel } from '../../src/core/schema/flags.js';
import { fixtureForm, fixtureIds } from '../support/fixture-form.js';
import { seedInput } from '../support/seed-forms.js';

describe('row flags', () => {
  const forms = [...fixtureIds().map((id) => fixtureForm(id)), parseForm(seedInput())];

  it('every flag set on the real forms, under every profile, is listed with a label', () => {
    const seen = new Set<string>();
    for (const form of forms)
      for (const profile of listProfiles())
        for (const row of scoreForm(form, { profile: profile.id }).indicators) for (const f of row.flags) seen.add(f);
    expect(seen.size).toBeGreaterThan(5);
    for (const flag of seen) {
      expect(FLAGS).toContain(flag);
      expect(flagLabel(flag)).toMatch(/^[\u4e00-\u9fff]/);
    }
  });

  it.each([
    ['target-missed', '未达到指标值'],
    ['over-achievement', '超额完成较多'],
    ['late', '未按期完成'],
    ['an-old-flag', 'an-old-flag'],
  ])('labels %s as %s', (flag, label) => {
    expect(flagLabel(flag)).toBe(label);
  });

  it('has one label per flag, and the report schema accepts exactly the listed flags', () => {
    expect(FLAGS).toEqual(Object.keys(FLAG_LABELS));
    expect(new Set(Object.values(FLAG_LABELS)).size).toBe(FLAGS.length);
    const row = scoreForm(forms[0]!).indicators[0]!;
    expect(IndicatorResultSchema.safeParse({ ...row, flags: ['target-missed'] }).success).toBe(true);
    expect(IndicatorResultSchema.safeParse({ ...row, flags: ['target-mised'] }).success).toBe(false);
  });
});

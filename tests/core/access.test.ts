import { describe, expect, it } from 'vitest';
import {
  type Actor,
  can,
  isWithinUnit,
  LOCAL_ACTOR,
  type Right,
  roleFromName,
  UnitPathSchema,
} from '../../src/core/access/index.js';

const CITY = '某市财政局';
const DEPT = '某市财政局/某市科委';
const INST = '某市财政局/某市科委/智源研究院';

const user = (role: 'filler' | 'reviewer' | 'admin', unit: string): Actor => ({
  kind: 'user',
  userId: 'u1',
  name: '张三',
  unit,
  role,
});

describe('unit paths (issue #12)', () => {
  it.each([
    [INST, DEPT, true],
    [DEPT, DEPT, true],
    ['某市财政局/某市科委会', DEPT, false],
    [CITY, DEPT, false],
  ])('%s within %s → %s', (unit, ancestor, expected) => {
    expect(isWithinUnit(unit, ancestor)).toBe(expected);
  });

  it.each([['某市财政局/'], ['/某市财政局'], ['a//b'], [''], [Array(11).fill('局').join('/')]])(
    'refuses %j',
    (path) => {
      expect(UnitPathSchema.safeParse(path).success).toBe(false);
    },
  );

  it('accepts a three-level path', () => {
    expect(UnitPathSchema.parse(` ${INST} `)).toBe(INST);
  });
});

describe('roles by Chinese label or code', () => {
  it.each([
    ['填报人', 'filler'],
    ['审核人', 'reviewer'],
    ['管理员', 'admin'],
    ['admin', 'admin'],
    ['领导', null],
  ])('%s → %s', (name, role) => {
    expect(roleFromName(name)).toBe(role);
  });
});

describe('rights by role and unit', () => {
  const cases: [Actor, Right, string, boolean][] = [
    [LOCAL_ACTOR, 'edit', INST, true],
    [user('filler', INST), 'edit', INST, true],
    [user('filler', INST), 'read', '某市财政局/某市科委/另一研究院', false],
    [user('filler', DEPT), 'edit', INST, false],
    [user('filler', INST), 'review', INST, false],
    [user('reviewer', DEPT), 'read', INST, true],
    [user('reviewer', DEPT), 'review', INST, true],
    [user('reviewer', DEPT), 'edit', INST, false],
    [user('reviewer', DEPT), 'read', CITY, false],
    [user('admin', CITY), 'admin', INST, true],
    [user('admin', DEPT), 'admin', CITY, false],
    [user('admin', CITY), 'edit', INST, false],
  ];
  it.each(cases)('%j may %s on %s → %s', (actor, right, unit, expected) => {
    expect(can(actor, right, unit)).toBe(expected);
  });
});

/** The empty form and row the page starts from (新建空白表, 插入一行). */
import { DEFAULT_FUNDING_UNIT } from '../core/schema/choices.js';
import type { FormInput } from '../core/index.js';
import { DEFAULT_PROFILE_ID } from '../core/profiles/index.js';

/** A new empty form: one project, this year, one empty indicator row. */
export function blankForm(year = new Date().getFullYear()): FormInput {
  return {
    formType: 'project',
    year,
    profile: DEFAULT_PROFILE_ID,
    project: { name: '新建项目', department: '', implementer: '', manager: '', phone: '' },
    funding: {
      unit: DEFAULT_FUNDING_UNIT,
      weight: 10,
      total: { initial: null, annual: null, executed: null, score: null },
      appropriation: null,
      carryover: null,
      other: null,
    },
    goals: { expected: '', actual: '' },
    indicators: [blankRow()],
    selfTotal: null,
  };
}

/** An empty indicator row. */
export function blankRow(level1 = '产出指标', level2 = '数量指标'): FormInput['indicators'][number] {
  return { level1, level2, name: '', target: '', actual: '', weight: null, score: null, grade: null, deviation: '' };
}

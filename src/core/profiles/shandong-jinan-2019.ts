/** shandong-jinan-2019: 济南历城 区级部门预算项目支出绩效自评表 (2019), fixture forms/14. */
import type { ProfileDefinition } from './types.js';

export const shandongJinan2019: ProfileDefinition = {
  id: 'shandong-jinan-2019',
  name: '山东济南历城口径（2019）',
  extends: 'mof-2020',
  verified: false,
  settings: {
    exec: { denominator: 'initial' },
    qual: { bands: { achieved: 0.8, partial: 0.5 }, points: { achieved: 1, partial: 0.65, notAchieved: 0.25 } },
  },
  sources: {
    'exec.denominator': { tag: 'V-form', ref: '济南历城 forms/14 表头“年初预算数(A)”“全年执行数(B)”，执行率 = B/A' },
    'exec.mode': { tag: 'V-form', ref: '济南历城“执行率*该指标分值,最高不得超过分值上限”' },
    'qual.bands': {
      tag: 'V-form',
      ref: '济南历城“根据‘三档’原则分别按照指标分值的100-80%(含80%)、80-50%(含50%)、50-0%来记分”',
    },
    'qual.points': { tag: 'I', ref: '部分达成取 50%–80% 的中点 0.65，未达成取 0.25' },
  },
};

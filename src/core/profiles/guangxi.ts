/** guangxi: the 广西 branch of the pmkpi performance module, scoring-rules.md §3.6. */
import type { ProfileDefinition } from './types.js';

export const guangxi: ProfileDefinition = {
  id: 'guangxi',
  name: '广西口径',
  extends: 'mof-2020',
  verified: false,
  settings: {
    quant: { reverse: 'linear2x' },
    overAchievement: { flagRatio: 1.3, penalty: 'manual' },
  },
  sources: {
    'quant.reverse': {
      tag: 'C',
      ref: 'pmkpi 反向指标 SQL：actual<2*indexval 时 (1-(actual-indexval)/indexval)*weight，≥2倍得0 (id 54848695388)',
    },
    overAchievement: {
      tag: 'C',
      ref: 'pmkpi 广西“实际完成值大于等于指标值的130%时，偏差原因及整改措施必填”(id 54504033813)',
    },
    reasonRequired: { tag: 'C', ref: '广西“因实际完成情况超出指标值30%，需填写‘实际完成情况超计划较大’的说明”' },
  },
};

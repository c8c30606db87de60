/** hebei-tianjin: the `_isHebei` branch of the pmkpi module (河北、天津), scoring-rules.md §3.5–3.6. */
import type { ProfileDefinition } from './types.js';

export const hebeiTianjin: ProfileDefinition = {
  id: 'hebei-tianjin',
  name: '河北/天津口径',
  extends: 'mof-2020',
  verified: false,
  settings: {
    quant: { reverse: 'linear2x', equal: 'exact-or-manual', reverseExceededManual: true },
    overAchievement: { flagRatio: 1.2, penalty: 'manual' },
  },
  sources: {
    'quant.reverse': {
      tag: 'C',
      ref: 'pmkpi 反向指标 SQL：actual<2*indexval 时 (1-(actual-indexval)/indexval)*weight，≥2倍得0 (id 54848695388)',
    },
    'quant.equal': {
      tag: 'C',
      ref: 'pmkpi 天津“计算符号为等于的指标，实际完成值如果不等于指标值，实际得分需要标为红色并且可修改”(id 54504033813)',
    },
    'quant.reverseExceededManual': { tag: 'C', ref: 'pmkpi _isHebei 分支：反向指标实际值超过指标值时人工核定' },
    overAchievement: { tag: 'C', ref: 'pmkpi scorepercentage 1.2：超出 20% 得分标红可编辑' },
  },
};

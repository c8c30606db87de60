/** yunnan: 云南 公开14表 forms round scores down to integers (临翔 forms/05, 永德 forms/01). */
import type { ProfileDefinition } from './types.js';

export const yunnan: ProfileDefinition = {
  id: 'yunnan',
  name: '云南口径（得分取整）',
  extends: 'mof-2020',
  verified: false,
  settings: {
    rounding: { decimals: 0, mode: 'floor' },
  },
  sources: {
    rounding: {
      tag: 'V-form',
      ref: '临翔 forms/05：执行率97.80% 得9分；永德 forms/01：政策知晓率98%（=100%）得9分，均为取整',
    },
  },
};

/**
 * yitihua-manual: a provincial 预算管理一体化 operating manual (province unidentified, via
 * landscape.md): −2 per indicator 30% over target, total capped by execution rate.
 */
import type { ProfileDefinition } from './types.js';

export const yitihuaManual: ProfileDefinition = {
  id: 'yitihua-manual',
  name: '一体化系统操作手册口径（省份未明）',
  banner: '来源为某省预算管理一体化操作手册，省份未明，使用前请核实',
  extends: 'mof-2020',
  verified: false,
  settings: {
    overAchievement: { flagRatio: 1.3, penalty: { fixed: 2 } },
    exec: {
      totalCapByRate: [
        { below: 0.5, maxTotal: 59 },
        { below: 0.6, maxTotal: 69 },
        { below: 0.7, maxTotal: 79 },
        { below: 0.8, maxTotal: 89 },
      ],
    },
  },
  sources: {
    overAchievement: {
      tag: 'V',
      ref: '“完成值超过年初设置指标值30%及以上的指标,定义为指标偏离并减2分” <https://desk33.com/d-565511.html>（经 landscape.md）',
    },
    'exec.totalCapByRate': {
      tag: 'V',
      ref: '执行率 70–80% 总分≤89；60–70% ≤79；<60% ≤69；<50% ≤59 <https://desk33.com/d-565511.html>',
    },
  },
};

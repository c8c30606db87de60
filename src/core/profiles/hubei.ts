/** hubei: 湖北 templates (黄冈 2020, 长江禁捕项目自评表), scoring-rules.md §5. */
import type { ProfileDefinition } from './types.js';

export const hubei: ProfileDefinition = {
  id: 'hubei',
  name: '湖北省口径',
  extends: 'mof-2020',
  verified: false,
  settings: {
    // 预算执行 20 分；其余按“年度绩效目标”分块各 40 分，不按一级指标 50/30/10 拆分
    weights: { exec: 20, output: 40, benefit: 40, satisfaction: 0 },
    validateWeightSums: false,
    qual: { bands: { achieved: 0.8, partial: 0.5 }, points: { achieved: 1, partial: 0.65, notAchieved: 0.25 } },
  },
  sources: {
    weights: {
      tag: 'V-form',
      ref: '湖北“预算执行情况(万元)(20分)…得分(20分*执行率)”，每个年度绩效目标 40 分 <https://1wenmi.com/doc/330418.html>',
    },
    validateWeightSums: { tag: 'V-form', ref: '湖北按年度绩效目标分块计分，一级指标不设统一权重' },
    'exec.denominator': { tag: 'V-form', ref: '湖北“预算数为调整后财政资金总额(包括上年结余结转)”' },
    'quant.reverse': { tag: 'V-form', ref: '湖北“反向指标(即目标值为≤X,得分=权重*A/B),得分不得突破权重总额”' },
    'qual.bands': { tag: 'V-form', ref: '湖北“100%-80%(≥80%)、80%-50%[50%,80%)、50%-0%(<50%)”' },
    'qual.points': { tag: 'I', ref: '部分达成取 50%–80% 的中点 0.65，未达成取 0.25' },
  },
};

/** sichuan: 四川 部门预算项目支出绩效自评表 (2023年度), scoring-rules.md §2.3, §5. */
import type { ProfileDefinition } from './types.js';

export const sichuan: ProfileDefinition = {
  id: 'sichuan',
  name: '四川省口径',
  extends: 'mof-2020',
  verified: false,
  settings: {
    // 预算执行 10 分 + 绩效指标 90 分，一级指标之间的拆分由单位确定
    weights: { exec: 10, output: 50, benefit: 30, satisfaction: 10 },
    validateWeightSums: false,
    exec: { reasonBelowRate: 0.9 },
  },
  sources: {
    weights: {
      tag: 'V-form',
      ref: '四川“预算执行情况(10分)”“绩效指标(90分)” <https://www.scqs.gov.cn/info/13206/211004.htm>',
    },
    validateWeightSums: { tag: 'V-form', ref: '四川表只规定 10+90，一级指标分值由单位确定' },
    'exec.denominator': { tag: 'V-form', ref: '四川“预算执行率=预算执行数/调整后预算数”' },
    'exec.reasonBelowRate': { tag: 'V-form', ref: '四川“预算执行率未达到90%的需说明原因(100字以内)”' },
  },
};

/** fujian-ningde: 宁德 evaluation report, execution rate above 95% scores full (scoring-rules.md §3.2). */
import type { ProfileDefinition } from './types.js';

export const fujianNingde: ProfileDefinition = {
  id: 'fujian-ningde',
  name: '福建宁德口径（执行率达95%得满分）',
  banner: '来源为第三方绩效评价报告，非单位自评表，使用前请核实',
  extends: 'mof-2020',
  verified: false,
  settings: {
    exec: { mode: { kind: 'threshold', fullAt: 0.95 } },
  },
  sources: {
    'exec.mode': {
      tag: 'V',
      ref: '宁德评价报告“预算执行率…资金使用率大于95%的得满分” <https://0477ly.com/newsdetail/news661681.html>',
    },
  },
};

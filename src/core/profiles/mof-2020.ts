/**
 * mof-2020: 财政部《项目支出绩效评价管理办法》(财预〔2020〕10号) as local forms reproduce it.
 * The default profile. Rules tagged M are recalled, not read: each stays a setting.
 */
import type { ProfileDefinition } from './types.js';

export const mof2020: ProfileDefinition = {
  id: 'mof-2020',
  name: '财政部口径（财预〔2020〕10号）',
  verified: false,
  settings: {
    weights: { exec: 10, output: 50, benefit: 30, satisfaction: 10 },
    validateWeightSums: true,
    exec: { denominator: 'annual', mode: { kind: 'linear' }, reasonBelowRate: null, totalCapByRate: [] },
    quant: { reverse: 'ratio', equal: 'as-positive', reverseExceededManual: false, unsignedAs: 'ge' },
    overAchievement: { flagRatio: 1.2, penalty: 'manual' },
    qual: {
      bands: { achieved: 0.8, partial: 0.6 },
      points: { achieved: 1, partial: 0.7, notAchieved: 0.3 },
    },
    time: { late: 'qualitative-partial' },
    reasonRequired: { onScoreLoss: true, onOverRatio: true },
    rounding: { decimals: 2, mode: 'half-up' },
    grades: [
      { min: 90, label: '优' },
      { min: 80, label: '良' },
      { min: 60, label: '中' },
      { min: 0, label: '差' },
    ],
  },
  sources: {
    weights: {
      tag: 'M',
      ref: '财预〔2020〕10号 第十六条（回忆）；天长 forms/02 表注“产出指标50分、效益指标30分、服务对象满意度指标10分、预算资金执行率10分”[V-form]',
    },
    validateWeightSums: { tag: 'C', ref: 'pmkpi 校验“下级指标…录入合计应等于上级设置数”(id 54504033813)' },
    'exec.denominator': {
      tag: 'V-form',
      ref: '四川“预算执行率=预算执行数/调整后预算数”；湖北“预算数为调整后财政资金总额”；pmkpi“全年执行数/全年预算数”[C]',
    },
    'exec.mode': {
      tag: 'V-form',
      ref: '济南历城“执行率*该指标分值,最高不得超过分值上限”；普陀 215,457.6/250,000 → 8.62',
    },
    'quant.positive': {
      tag: 'V-form',
      ref: '表注“正向指标…全年实际值(B)/年度指标值(A)*该指标分值”；财预〔2020〕10号 第十七条“未完成指标值的，按照完成值与指标值的比例记分”[M]',
    },
    'quant.reverse': { tag: 'V-form', ref: '湖北表注“反向指标(即目标值为≤X,得分=权重*A/B)”；doczj 表注同' },
    'quant.equal': { tag: 'C', ref: 'pmkpi selfequalindex：指标值>0 时按正向计分 (id 54848695388)' },
    'quant.unsignedAs': { tag: 'I', ref: '无符号数值指标（如“1项”）按“≥”理解，并提示补全符号；pmkpi 要求显式符号' },
    'quant.zeroTarget': { tag: 'C', ref: 'pmkpi selfindexequalzero：实际≤0 得满分，否则 0 (id 54805832199)' },
    'quant.negativeActual': { tag: 'C', ref: 'pmkpi“判断实际完成值为负数，默认赋值为0”(id 54504033813)' },
    overAchievement: {
      tag: 'C',
      ref: '财预〔2020〕10号“对完成值高于指标值较多的，要分析原因…适度调减分值”[M]；pmkpi scorepercentage 默认 1.2 (id 54504033813)',
    },
    'qual.bands': {
      tag: 'M',
      ref: '财预〔2020〕10号“100-80%（含）、80-60%（含）、60-0%”；中江 forms/03 表注同 [V-form]；pmkpi 区间校验 [C]',
    },
    'qual.points': {
      tag: 'I',
      ref: '规则只给区间：达成取满分，部分达成 0.7，未达成 0.3（scoring-rules.md §3.4 建议）；自评分在区间内即采用',
    },
    'time.late': { tag: 'I', ref: '无公开公式（scoring-rules.md §3.7）：逾期按“部分达成”区间计分' },
    reasonRequired: {
      tag: 'C',
      ref: 'pmkpi：得分<分值须填偏差原因 (id 54504033813)；财预〔2020〕10号“对未完成绩效目标或偏离绩效目标较大的…说明原因”[M]',
    },
    rounding: { tag: 'I', ref: '十进制计算，逐行四舍五入到2位小数（普陀 8.618→8.62 [V-form]；pmkpi round(…,2) [C]）' },
    grades: {
      tag: 'V',
      ref: '财政部预算司：优(90-100)、良(80-89)、中(60-79)、差(0-59)；按半开区间 [90,100]、[80,90)、[60,80)、[0,60)',
    },
  },
};

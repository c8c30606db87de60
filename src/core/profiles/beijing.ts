/** beijing: 《北京市项目支出绩效评价管理办法》 exists, but no self-evaluation scoring text was found. */
import type { ProfileDefinition } from './types.js';

export const beijing: ProfileDefinition = {
  id: 'beijing',
  name: '北京市口径（沿用财政部口径，待核实）',
  banner: '北京口径待核实：未找到北京市单位自评计分细则，暂按财政部口径计分',
  extends: 'mof-2020',
  verified: false,
  settings: {},
  sources: {
    weights: {
      tag: 'unverified',
      ref: '《北京市项目支出绩效评价管理办法》仅见标题（scoring-rules.md §1、§5），各项设置沿用 mof-2020',
    },
  },
};

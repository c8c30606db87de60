/**
 * What a quantity in a narrative claims to be, read from the words just before it:
 * `实际为20人`, `年度指标值为≤10人`, `偏差率100%`, `超出上限10人`, `得1.5分`, `执行率100%` (issue #13).
 */
export type Claim =
  | 'target'
  | 'actual'
  | 'deviation-rate'
  | 'completion-rate'
  | 'excess'
  | 'shortfall'
  | 'score'
  | 'deduction'
  | 'weight'
  | 'total'
  | 'execution-rate'
  | 'budget'
  | 'executed'
  | 'none';

/** How far back a keyword may stand from its number, in characters (one clause). */
export const CLAIM_WINDOW = 14;

const TARGET_NOUN = '(?:年度指标值|指标值|目标值|计划数|上限|下限|标准|计划|预期)';
// Each keyword is tried on the window; the one ending nearest the number wins (ties: the longer).
const KEYWORDS: [RegExp, Claim][] = [
  [/偏差率|偏离率|偏离度|偏差幅度/g, 'deviation-rate'],
  [/完成率|完成比例|达成率|完成比率/g, 'completion-rate'],
  [/执行率|支出进度|执行进度|支付进度/g, 'execution-rate'],
  [new RegExp(`超出${TARGET_NOUN}?|超过${TARGET_NOUN}|高出${TARGET_NOUN}?|多出|超额|溢出`, 'g'), 'excess'],
  [
    new RegExp(`低于${TARGET_NOUN}?|少于${TARGET_NOUN}|未达到?${TARGET_NOUN}?|差距|缺口|减少|相差|差`, 'g'),
    'shortfall',
  ],
  [
    /年度指标值|指标值|目标值|计划数|上限|下限|计划|预期|设定为|不超过|不低于|不少于|不高于|不多于|不大于|控制在|[≤≥≦≧⩽⩾]/g,
    'target',
  ],
  [/实际完成值|实际完成|实际为|实际|完成了|累计完成|共完成|达到了?|共计|累计/g, 'actual'],
  [/自评总分|总分|总得分|综合得分/g, 'total'],
  [/扣减|扣除|扣/g, 'deduction'],
  [/分值|权重|满分/g, 'weight'],
  [/自评得分|核定得分|规则得分|得分为?|评分为?|得/g, 'score'],
  [/全年预算数?|年初预算数?|预算数|预算资金|预算|资金总额|总投资|批复资金/g, 'budget'],
  [/全年执行数?|执行数|执行了?|实际支出|支出|使用资金|拨付/g, 'executed'],
];

// All keywords in one pass: each list is one capturing group, tried in the order above at each position
const ANY_KEYWORD = new RegExp(KEYWORDS.map(([p]) => `(${p.source})`).join('|'), 'g');
const CLAUSE_BREAK = /[，。；;,、！!？?\n\d%％]/;

/** The claim of a number whose clause before it reads `before` (at most CLAIM_WINDOW chars). */
export function claimBefore(before: string): Claim {
  // a keyword belongs to the nearest number after it: the clause stops at punctuation and at digits
  let clause = before.slice(-CLAIM_WINDOW);
  for (let i = clause.length - 1; i >= 0; i--) {
    if (CLAUSE_BREAK.test(clause[i]!)) {
      clause = clause.slice(i + 1);
      break;
    }
  }
  let best: { end: number; claim: Claim } | null = null;
  for (const m of clause.matchAll(ANY_KEYWORD)) {
    const group = m.findIndex((g, i) => i > 0 && g !== undefined);
    const end = m.index + m[0].length;
    if (!best || end >= best.end) best = { end, claim: KEYWORDS[group - 1]![1] };
  }
  return best?.claim ?? 'none';
}

/** A bound written just before a number: 不超过十人 → le. */
export function boundBefore(before: string): 'ge' | 'le' | null {
  const tail = before.slice(-4);
  if (/(?:不超过|不高于|不多于|不大于|控制在|[≤≦⩽]|<=)$/.test(tail)) return 'le';
  if (/(?:不低于|不少于|不小于|至少|[≥≧⩾]|>=)$/.test(tail)) return 'ge';
  return null;
}

/**
 * Qualitative words on real forms and what grade they mean (scoring-rules.md §3.4, §4, §9.14).
 * Ordinal scales compare a target level with an actual level; other words map straight to a grade.
 */
import type { Grade } from '../schema/form.js';

export interface ScaleLevel {
  scale: string;
  /** 4 top, 3 较…, 2 middle, 1 较低, 0 bottom. */
  level: number;
  word: string;
}

/** Ordinal scales: level 4 is the top. The 较 steps sit between the main levels. */
const SCALES: Record<string, [string, number][]> = {
  // 高/中/低 (Chongqing "管理制度健全性 高"); 裕安 "程度较高"
  high: [
    ['较高', 3],
    ['较低', 1],
    ['中等', 2],
    ['高', 4],
    ['中', 2],
    ['低', 0],
  ],
  // 好/较好/一般/较差/差 (Chongqing "资金使用合规性 好")
  good: [
    ['较好', 3],
    ['较差', 1],
    ['良好', 3],
    ['优秀', 4],
    ['一般', 2],
    ['好', 4],
    ['优', 4],
    ['差', 0],
  ],
  // 显著/较显著/一般 (零陵 "显著", 中江 "显著提升", 池州 "效果明显")
  effect: [
    ['不显著', 0],
    ['不明显', 0],
    ['较显著', 3],
    ['较明显', 3],
    ['显著', 4],
    ['明显', 4],
    ['有所提升', 3],
    ['有所提高', 3],
  ],
};

/** Every scale word in the order `scaleLevel` tries them (scale by scale, as listed), made once and shared. */
const SCALE_LEVELS: readonly ScaleLevel[] = Object.entries(SCALES).flatMap(([scale, words]) =>
  words.map(([word, level]) => Object.freeze({ scale, level, word })),
);

/** Positions in SCALE_LEVELS by the code of each word's first character. */
const BY_FIRST = new Map<number, number[]>();
SCALE_LEVELS.forEach(({ word }, k) => {
  const code = word.charCodeAt(0);
  BY_FIRST.set(code, [...(BY_FIRST.get(code) ?? []), k]);
});
const NO_WORDS: readonly number[] = [];

/** Words that are a grade on their own, negative forms first so 未完成 is not read as 完成. */
const GRADE_WORDS: [RegExp, Grade][] = [
  [
    /未达成|未达到|未完成|没有完成|不合格|不达标|不及时|未按时|未按期|逾期|延期|滞后|无效|不符合|不满意|不健全|不规范|效果较差|^否$/,
    '未达成',
  ],
  [/部分达成|部分完成|基本达成|基本完成|基本实现|基本满意|基本符合|基本合格|基本及时|部分实现/, '部分达成'],
  [/达成|达到预期|完成|实现|合格|达标|及时|按时|按期|准时|如期|有效|符合|满意|健全|规范|应保尽保|足额|^是$/, '达成'],
];

/** Lists of a whole scale, written as a target: "高中低", "好/较好/一般/差". */
const SCALE_LIST =
  /^(?:高\s*(?:[、/／,，]\s*)?中\s*(?:[、/／,，]\s*)?低|好\s*(?:[、/／,，]\s*)?较好\s*(?:[、/／,，]\s*)?一般\s*(?:[、/／,，]\s*)?(?:较差\s*(?:[、/／,，]\s*)?)?差|优\s*(?:[、/／]\s*)?良\s*(?:[、/／]\s*)?中\s*(?:[、/／]\s*)?差)$/;

/** True when a target cell lists a scale instead of choosing a level ("高中低"). */
export function isScaleList(text: string): boolean {
  return SCALE_LIST.test(text.trim());
}

/** The level on an ordinal scale that a short text names, if any. */
export function scaleLevel(text: string): ScaleLevel | null {
  const t = text.trim();
  if (t.length > 12) return null;
  // The first word of SCALE_LEVELS written anywhere in t, as trying `t.includes(word)` in order finds,
  // found from t's few characters instead of by twenty-two searches (issue #9)
  let best = -1;
  for (let i = 0; i < t.length; i += 1) {
    for (const k of BY_FIRST.get(t.charCodeAt(i)) ?? NO_WORDS) {
      if ((best < 0 || k < best) && t.startsWith(SCALE_LEVELS[k]!.word, i)) best = k;
    }
  }
  return best < 0 ? null : SCALE_LEVELS[best]!;
}

/** The grade a short text states on its own ("达成预期指标", "按时完成", "基本完成"), if any. */
export function gradeWord(text: string): Grade | null {
  const trimmed = text.trim();
  // One closing stop at most is dropped, so a longer text is no grade word (and is not copied)
  if (trimmed.length > 17) return null;
  const t = trimmed.replace(/[。.!！]$/, '');
  if (t.length > 16) return null;
  for (const [pattern, grade] of GRADE_WORDS) if (pattern.test(t)) return grade;
  return null;
}

/** Grade of an actual level against a target level: same or above 达成, one step 部分达成 (§4 [I]). */
export function compareLevels(target: ScaleLevel | null, actual: ScaleLevel): Grade {
  const goal = target && target.scale === actual.scale ? target.level : 4;
  const gap = goal - actual.level;
  if (gap <= 0) return '达成';
  if (gap <= 2) return '部分达成';
  return '未达成';
}

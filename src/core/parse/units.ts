/**
 * Units of measure seen on real forms (scoring-rules.md §4, §9.5–9.6) and how to convert them.
 * Values convert to a family's base unit by `factor`; units of different families never compare.
 */
import { skipSpaces } from './space.js';

export interface Unit {
  /** The unit as written, normalised (万元, %, 人次). */
  label: string;
  /** Units compare only within one family: money, percent, person, person-time, mu… */
  family: string;
  /** Multiply a value in this unit by `factor` to get the family's base unit. */
  factor: number;
}

const BASE: [string, string, number][] = [
  // money: 元 is the base (普陀 writes 元, most forms 万元, some 亿元)
  ['元', 'money', 1],
  ['千元', 'money', 1e3],
  ['万元', 'money', 1e4],
  ['百万元', 'money', 1e6],
  ['亿元', 'money', 1e8],
  // percent: "百分比" in 池州 forms/07 ("≥100百分比")
  ['%', 'percent', 1],
  ['％', 'percent', 1],
  ['百分比', 'percent', 1],
  ['百分点', 'percent', 1],
  ['‰', 'percent', 0.1],
  ['亩', 'mu', 1],
  ['万亩', 'mu', 1e4],
  ['平方米', 'area', 1],
  ['㎡', 'area', 1],
  ['万平方米', 'area', 1e4],
  ['公顷', 'area', 1e4],
  ['平方公里', 'area', 1e6],
  ['米', 'length', 1],
  ['厘米', 'length', 0.01],
  ['毫米', 'length', 0.001],
  ['公里', 'length', 1e3],
  ['千米', 'length', 1e3],
  // a bare 万 (济南历城 "45万") is read as 万 of whatever the row counts
  ['万', 'wan', 1],
  ['吨', 'mass', 1],
  ['万吨', 'mass', 1e4],
  ['公斤', 'mass', 1e-3],
  ['千克', 'mass', 1e-3],
  ['天', 'days', 1],
  ['日', 'days', 1],
  ['个工作日', 'days', 1],
  ['工作日', 'days', 1],
  ['个月', 'months', 1],
  ['年', 'years', 1],
  ['小时', 'hours', 1],
  ['分钟', 'hours', 1 / 60],
  // people: 人, 名 and 位 count the same thing; 人次 counts visits and is a different family
  ['人', 'person', 1],
  ['名', 'person', 1],
  ['位', 'person', 1],
  ['人次', 'person-time', 1],
  ['户', 'household', 1],
  ['家', 'organisation', 1],
  ['所', 'organisation', 1],
];

/** Count words: each is its own family ("个" and "项" do not compare). */
const COUNT_WORDS = [
  '个',
  '次',
  '场',
  '篇',
  '份',
  '件',
  '台',
  '套',
  '项',
  '种',
  '批',
  '期',
  '册',
  '本',
  '部',
  '张',
  '辆',
  '座',
  '处',
  '条',
  '株',
  '头',
  '只',
  '间',
  '栋',
  '块',
  '门',
  '课',
  '节',
  '堂',
  '届',
  '支',
  '队',
  '组',
  '村',
  '镇',
  '校',
  '首',
  '集',
  '例',
  '篇次',
  '场次',
  '床',
  '宗',
  '起',
  '片',
  '班',
  '单',
  '针',
  '剂',
  '册次',
  '万字',
  'km',
  'kW',
  'MW',
];

const TABLE = new Map<string, Unit>();
for (const [label, family, factor] of BASE) TABLE.set(label, { label, family, factor });
for (const word of COUNT_WORDS) TABLE.set(word, { label: word, family: `count:${word}`, factor: 1 });
// 万/亿 prefixes on counted things: "1.2万亩" is in BASE, "12万人次", "3万册" come from here
for (const unit of [...TABLE.values()]) {
  if (unit.family === 'money' || unit.family === 'percent' || unit.label.startsWith('万')) continue;
  if (!TABLE.has(`万${unit.label}`))
    TABLE.set(`万${unit.label}`, { label: `万${unit.label}`, family: unit.family, factor: unit.factor * 1e4 });
  if (!TABLE.has(`亿${unit.label}`))
    TABLE.set(`亿${unit.label}`, { label: `亿${unit.label}`, family: unit.family, factor: unit.factor * 1e8 });
}

type Labels = Map<number, [string, Unit][]>;

/** Appends `entry` to the list at `key`. */
function add(map: Labels, key: number, entry: [string, Unit]): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

/**
 * Labels and their units by the codes of their first two characters (one-character labels by the
 * first alone), longest first: a lookup tries the few that share both, not the sixty 万… labels.
 * Keyed by code, not by a string: no string is made for a lookup (issue #9).
 */
function byFirstCodes(table: Map<string, Unit>): { pairs: Labels; singles: Labels } {
  const pairs: Labels = new Map();
  const singles: Labels = new Map();
  for (const label of [...table.keys()].sort((a, b) => b.length - a.length)) {
    const entry: [string, Unit] = [label, table.get(label)!];
    if (label.length === 1) add(singles, label.charCodeAt(0), entry);
    else add(pairs, pairKey(label, 0), entry);
  }
  return { pairs, singles };
}

/**
 * The key of the two characters at `at`, kept below 2^30 so it is a small integer (a CJK pair's full
 * code, over 2^31, was a heap number made for every lookup). Pairs that share a key share a list,
 * longest first, and every label is matched against the text, so a shared key changes no answer.
 */
const pairKey = (text: string, at: number): number =>
  (text.charCodeAt(at) & 0x3fff) * 0x10000 + (text.charCodeAt(at + 1) & 0xffff);

const NO_LABELS: readonly [string, Unit][] = [];

/** The longest label of `labels` written at `at` that ends by `limit`, with its unit, or null. */
function labelAt(labels: ReturnType<typeof byFirstCodes>, text: string, at: number, limit: number) {
  // A label of two or more characters needs two before `limit` ("6个" ends on its unit: one lookup, not two)
  if (at + 2 <= limit) {
    for (const entry of labels.pairs.get(pairKey(text, at)) ?? NO_LABELS) {
      if (at + entry[0].length <= limit && text.startsWith(entry[0], at)) return entry;
    }
  }
  for (const entry of labels.singles.get(text.charCodeAt(at)) ?? NO_LABELS) if (at < limit) return entry;
  return null;
}

const BY_FIRST_CODES = byFirstCodes(TABLE);

/**
 * The longest unit label written exactly at `at` (no spaces skipped) that ends by `limit`, as its
 * table entry [label, unit], or null: the entry is the table's own, so a lookup makes nothing.
 */
export function unitLabelAt(text: string, at: number, limit: number): readonly [string, Unit] | null {
  return at < limit ? labelAt(BY_FIRST_CODES, text, at, limit) : null;
}

/** The unit written at the start of `text` (after spaces), longest match first, or null. */
export function unitAt(text: string): { unit: Unit; length: number } | null {
  return unitWithin(text, 0, text.length);
}

/**
 * `unitAt(text.slice(from, limit))` without the slice: the unit written at `from` (after spaces) that
 * ends by `limit`; `length` counts from `from`.
 */
export function unitWithin(text: string, from: number, limit: number): { unit: Unit; length: number } | null {
  const at = skipSpaces(text, from, limit);
  if (at >= limit) return null;
  const found = labelAt(BY_FIRST_CODES, text, at, limit);
  return found ? { unit: found[1], length: at - from + found[0].length } : null;
}

/**
 * Words a narrative writes after a number that are not measures of a row: calendar parts, scores,
 * multiples (倍; 成 is a tenth, 三成 = 30%) and 算力 P. Read only in prose (the quantity reader),
 * never in a 指标值 cell, so the scorer's table above stays as it was.
 */
const NARRATIVE_ONLY: [string, string, number][] = [
  ['年度', 'calendar-year', 1],
  ['季度', 'quarter', 1],
  ['月', 'month-of-year', 1],
  ['号', 'day-of-month', 1],
  ['周', 'weeks', 1],
  ['倍', 'multiple', 1],
  ['成', 'percent', 10],
  ['分', 'score', 1],
  ['P', 'compute', 1],
];
const NARRATIVE_TABLE = new Map<string, Unit>(TABLE);
for (const [label, family, factor] of NARRATIVE_ONLY) {
  if (!NARRATIVE_TABLE.has(label)) NARRATIVE_TABLE.set(label, { label, family, factor });
}
const NARRATIVE_BY_FIRST = byFirstCodes(NARRATIVE_TABLE);

/** Like `unitAt`, also reading the prose-only words (月, 分, 倍, 成…); no leading spaces skipped but ' '. */
export function narrativeUnitAt(text: string, at = 0): { unit: Unit; end: number } | null {
  let i = at;
  while (text.charCodeAt(i) === 0x20) i++;
  const found = labelAt(NARRATIVE_BY_FIRST, text, i, text.length);
  return found ? { unit: found[1], end: i + found[0].length } : null;
}

/** The unit named exactly `label` (万元, %, 人次), or null. */
export function unitNamed(label: string): Unit | null {
  return NARRATIVE_TABLE.get(label) ?? null;
}

/** True when two units measure the same thing and can be converted. */
export function compatible(a: Unit | null, b: Unit | null): boolean {
  return !a || !b || a.family === b.family;
}

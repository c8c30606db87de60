/**
 * The revision requests the built-in drafter follows without a model: 精简 / 更正式 /
 * 补充改进措施 / 控制在N字以内. Also used by the model drafter to read a length limit out of
 * the user's message, so the checks hold the text to it. Pure.
 */
import { trimEndMarks } from './cell-text.js';
import { parseChineseNumeral } from './numbers.js';

export interface QuickActions {
  concise: boolean;
  formal: boolean;
  addMeasure: boolean;
  /** 控制在120字以内 → 120. */
  limit: number | null;
  /** What is left of the message once the recognised requests are taken out ('' if nothing). */
  leftover: string;
  /** A cause the user typed (`补充原因：…`): a source for the cell, put in place of the placeholder. */
  cause: string | null;
  /** A measure the user typed (`补充措施：…`). */
  measure: string | null;
  /** True when at least one action was recognised. */
  any: boolean;
}

const GIVEN_CAUSE =
  /(?:补充|增加|写明|加上)?(?:偏差|超额|未完成|延期|扣分)?原因(?:是|为|[:：])([^\n]{2,300}?)(?=[。；;](?:补充|增加|写明|加上)?(?:改进|整改)?措施(?:是|为|[:：])|$)/;
const GIVEN_MEASURE = /(?:补充|增加|写明|加上)?(?:改进|整改)?措施(?:是|为|[:：])([^\n]{2,300})$/;

/** `补充原因：…新增8名` → the cause; `措施：…` → the measure. */
function givenFacts(message: string): { cause: string | null; measure: string | null; rest: string } {
  let rest = message.trim();
  const m = GIVEN_MEASURE.exec(rest);
  const measure = m ? trimEndMarks(m[1]!.trim()) : null;
  if (m) rest = rest.slice(0, m.index);
  const c = GIVEN_CAUSE.exec(rest);
  const cause = c ? trimEndMarks(c[1]!.trim()) : null;
  if (c) rest = rest.slice(0, c.index) + rest.slice(c.index + c[0].length);
  return { cause, measure, rest };
}

const LIMIT =
  /(?:控制在|不超过|不多于|不要超过|少于|压缩到|缩短到|精简到|缩减到|删减到|限制在|限于|限定在|保持在|在)?\s{0,4}(?<![0-9一二两三四五六七八九十百千])([0-9]{1,5}|[一二两三四五六七八九十百千]{1,8})\s{0,4}个?(?:汉)?字(?:以内|之内|以下|内|左右)?/;
const CONCISE = /(?:更加|更)?(?:精简|简洁|简练|简短|简明|压缩|缩短|删繁就简|短一些|短一点|短些|精炼|凝练)/g;
const FORMAL = /(?:语气)?(?:更加|更)?(?:正式|公文化|公文|规范|书面|官方|严肃)(?:一些|一点|些)?/g;
const ADD_MEASURE =
  /(?:补充|增加|加上|添加|补上|写上|写明|加入|完善)(?:一下|一些|具体的?|相应的?)?(?:的)?(?:改进|整改)?措施|措施(?:要|需)?(?:补充|写具体|具体一些)/g;
const FILLER =
  /请|帮我|帮忙|麻烦|一下|把|将|文字|文本|内容|语气|表述|写得|改得|改成|改为|修改|调整|再|更加|更|一些|一点|些|并且|并|且|和|同时|以及|的|吧|呢|啊|了|再次|全文|整体|字数|篇幅|[，。、；！!,.;:：\s]/g;

export function parseQuickActions(message: string): QuickActions {
  const given = givenFacts(message);
  let rest = given.rest;
  let limit: number | null = null;
  const m = LIMIT.exec(rest);
  if (m) {
    const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : parseChineseNumeral(m[1]!);
    if (n !== null && n >= 10 && n <= 5000) {
      limit = Math.floor(n);
      rest = rest.replace(m[0], ' ');
    }
  }
  const concise = rest.search(CONCISE) >= 0;
  rest = rest.replace(CONCISE, ' ');
  const addMeasure = rest.search(ADD_MEASURE) >= 0;
  rest = rest.replace(ADD_MEASURE, ' ');
  const formal = rest.search(FORMAL) >= 0;
  rest = rest.replace(FORMAL, ' ');
  const leftover = rest.replace(FILLER, '');
  const { cause, measure } = given;
  const any = concise || formal || addMeasure || limit !== null || cause !== null || measure !== null;
  return { concise, formal, addMeasure, limit, leftover, cause, measure, any };
}

/** The character limit a revision message asks for, if any. */
export function requestedLimit(message: string): number | null {
  return parseQuickActions(message).limit;
}

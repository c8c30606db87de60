/**
 * Traditional characters of 自评表 labels and common words, to simplified: some reposts render a
 * form in traditional characters (fixtures/forms/10, with pinyin mojibake). Applied only when the
 * text has traditional labels, so a simplified form is never touched.
 */
const PAIRS =
  '來来信信們们區区單单執执實实對对劃划務务員员處处當当稱称數数會会標标滿满為为產产眾众級级結结經经總总績绩萬万號号' +
  '衛卫補补規规訊讯評评財财責责費费資资質质轉转進进違违門门間间際际項项預预額额驗验體体麗丽撥拨況况時时據据報报' +
  '導导發发開开關关離离歷历縣县鎮镇鄉乡學学醫医衛卫農农業业環环護护設设計计劃划審审核核組组織织現现態态應应變变' +
  '專专屬属邊边運运達达計计準准確确質质隊队續续營营價价効效據据頭头種种條条類类網网電电話话聯联絡络負负責责';

const MAP = new Map<string, string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) MAP.set(PAIRS[i]!, PAIRS[i + 1]!);

/** True when the text prints form labels in traditional characters. */
export function isTraditional(text: string): boolean {
  return /項目|績效|預算|指標|資金/.test(text);
}

/** The text with the mapped traditional characters made simplified. */
export function toSimplified(text: string): string {
  return text.replace(/[\u4e00-\u9fff]/g, (ch) => MAP.get(ch) ?? ch);
}

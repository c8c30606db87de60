/**
 * Placeholder cells: "—", "-", "/", "*", "无", "……", and the template's "指标1:" rows
 * (scoring-rules.md §9.3; audit_agent maps the dash, slash and star marks to null).
 */
const PLACEHOLDER = /^(?:[—–\-－/／*＊·.。…_＿\s]+|无|暂无|空|\/|null|N\/A|n\/a|不适用|指标\s*\d{1,4}\s*[:：]?)$/;

/** True for a cell that holds no value, only a template mark. */
export function isPlaceholder(text: string | null | undefined): boolean {
  if (text == null) return false;
  const t = text.trim();
  return t !== '' && PLACEHOLDER.test(t);
}

/** True for an empty or placeholder cell. */
export function isBlank(text: string | null | undefined): boolean {
  return text == null || text.trim() === '' || isPlaceholder(text);
}

// One mark per step, never `[marks]+` inside the outer `+`: that nested quantifier took 13 s on 30 dashes
// followed by a word (issue #8). Every word below starts one way, so each character matches one way.
const FILLER =
  /^(?:[—–\-－/／*＊0０]|无|暂无|没有|无偏差|无偏差原因|无偏差说明|不存在偏差|不涉及|已完成|完成|见上|同上|略)+$/;

/** True for a narrative that says nothing: "无", "暂无", "0", "—" (临翔, 廊坊, dyrmt "暂无/暂无"). */
export function isFillerText(text: string | null | undefined): boolean {
  const t = (text ?? '').replace(/[\s。.、，,；;]/g, '');
  return t === '' || FILLER.test(t);
}

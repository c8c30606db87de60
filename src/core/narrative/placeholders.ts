/**
 * Placeholders a draft leaves for a person: 〔待补充：偏差原因〕 (prompts README; issue #13).
 * The one home of the pattern: drafters, checks and the page import it.
 */
export const PLACEHOLDER =
  /〔(?:待补|待核|待确认|待填)[^〔〕]{0,200}〕|【(?:待补|待核|待确认|待填)[^【】]{0,200}】|\[(?:待补|待核|待确认|待填)[^[\]]{0,200}\]/g;

/** True when the text has a placeholder. */
export function hasPlaceholder(text: string): boolean {
  return text.search(PLACEHOLDER) >= 0;
}

/** The placeholders in `text`, in order (none read when no bracket a placeholder opens with is there). */
export function placeholderMatches(text: string): RegExpExecArray[] {
  if (!/[〔【[]/.test(text)) return [];
  return [...text.matchAll(PLACEHOLDER)];
}

/** Spans of the placeholders in `text`. */
export function placeholderSpans(text: string): [number, number][] {
  return placeholderMatches(text).map((m) => [m.index, m.index + m[0].length]);
}

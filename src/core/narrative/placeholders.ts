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

/** Spans of the placeholders in `text`. */
export function placeholderSpans(text: string): [number, number][] {
  if (!/[〔【[]/.test(text)) return [];
  return [...text.matchAll(PLACEHOLDER)].map((m) => [m.index, m.index + m[0].length]);
}

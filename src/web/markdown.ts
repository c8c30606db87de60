/**
 * Narrative text to print: Markdown through `marked`, then the sanitizer. Raw HTML in the text
 * is escaped by the renderer, so `<img onerror=…>` typed into a cell prints as the characters
 * typed and never becomes an element, not even in the sanitizer's inert parse. Loaded only by
 * the print view (a separate chunk), so the editor's first load stays small.
 */
import { Marked } from 'marked';
import { sanitizeHtml } from './sanitize.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const markdown = new Marked({
  async: false,
  gfm: true,
  breaks: true,
  renderer: {
    html: ({ text }) => escapeHtml(text),
  },
});

/** Renders a narrative cell's Markdown as a safe fragment (line breaks kept, as typed in the cell). */
export function renderNarrative(text: string): DocumentFragment {
  return sanitizeHtml(markdown.parse(text) as string);
}

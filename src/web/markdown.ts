/**
 * Narrative text to print: Markdown through `marked`, then the sanitizer. Loaded only by the
 * print view (a separate chunk), so the editor's first load stays small.
 */
import { marked } from 'marked';
import { sanitizeHtml } from './sanitize.js';

/** Renders a narrative cell's Markdown as a safe fragment (line breaks kept, as typed in the cell). */
export function renderNarrative(text: string): DocumentFragment {
  const html = marked.parse(text, { async: false, gfm: true, breaks: true }) as string;
  return sanitizeHtml(html);
}

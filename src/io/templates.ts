/** The io templates (prompts/io/*.md, bundled in io-prompts.ts): the note for editors dropped, `{{vars}}` filled. */
import { IO_PROMPTS } from './io-prompts.js';

export type IoTemplate = keyof typeof IO_PROMPTS;

/** The template's text for the model, with each `{{name}}` replaced by `vars[name]`. */
export function fillTemplate(name: IoTemplate, vars: Record<string, string>): string {
  const text = IO_PROMPTS[name];
  const body = text.startsWith('<!--') ? text.slice(text.indexOf('-->') + 3) : text;
  return body.trim().replace(/\{\{(\w{1,40})\}\}/g, (whole, key: string) => vars[key] ?? whole);
}

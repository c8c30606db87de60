/** Characters XML 1.0 cannot carry (C0 controls but tab, LF, CR); an .xlsx or .docx with one will not open. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this removes
const XML_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** `text` without the characters an Office file cannot hold (they are never visible anyway). */
export function xmlSafe(text: string): string {
  return text.replace(XML_UNSAFE, '');
}

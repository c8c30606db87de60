/**
 * The characters a regular expression's `\s` matches, tested by code without a regular expression:
 * the parsers test a character or two around every number they read (issue #9).
 */

/** True when the UTF-16 code `c` is one `\s` matches. */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** The first index from `from` (before `limit`) whose character is no space, or `limit`: no trimmed copy. */
export function skipSpaces(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit && isSpace(text.charCodeAt(i))) i += 1;
  return i;
}

/** `end` moved back over the spaces before it (not below `low`): no trimmed copy. */
export function skipSpacesBack(text: string, end: number, low: number): number {
  let e = end;
  while (e > low && isSpace(text.charCodeAt(e - 1))) e -= 1;
  return e;
}

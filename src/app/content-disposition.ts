/**
 * `Content-Disposition: attachment` with a Chinese file name: an ASCII `filename` for old clients
 * and the UTF-8 `filename*` of RFC 6266 / RFC 5987 that browsers use.
 */

/** RFC 5987 ext-value: UTF-8, percent-encoded except attr-char (so also ' ( ) * encoded). */
function extValue(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The header value for downloading `name`; `fallback` is the ASCII name for clients without filename*. */
export function attachmentDisposition(name: string, fallback: string): string {
  const ascii = fallback.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${extValue(name)}`;
}

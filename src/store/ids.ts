/**
 * Form ids: 16 characters of Crockford base32 (80 random bits). Lower case only, so two ids never
 * differ by case alone on a case-insensitive file system, and safe in URLs and file names.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const ID_PATTERN = /^[0-9a-hjkmnp-tv-z]{16}$/;

/** A new random form id (Web Crypto, so it works on Node and Workers). */
export function newFormId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte & 31];
  return id;
}

/** True when `id` has the shape of a form id (checked before it is ever used in a file name). */
export function isFormId(id: string): boolean {
  return ID_PATTERN.test(id);
}

/**
 * Passwords, API tokens and session ids (issue #12), with Web Crypto only (`crypto.subtle`,
 * `crypto.getRandomValues`), which Node 20 and workerd both provide: no home-made crypto.
 * Passwords are stored as PBKDF2-SHA256 with a random salt; tokens and session ids are 32 random
 * bytes, stored as their SHA-256 (a leaked store does not let anyone sign in).
 */
import { PASSWORD_LIMITS } from '../../core/limits.js';

/**
 * PBKDF2 iterations. workerd refuses more than 100 000 (Cloudflare's limit), and a hash made on
 * Node must verify on the Worker, so this is the most both can do (OWASP's floor for SHA-256 is
 * higher; the random salt and the per-try cost still make guessing a stored hash slow).
 */
export const PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;
const TOKEN_BYTES = 32;
const SCHEME = 'pbkdf2-sha256';

const encoder = new TextEncoder();

function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text)
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/={1,2}$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const raw = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

function toHex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** True when `a` and `b` hold the same bytes, in time that depends only on their lengths. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

async function pbkdf2(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits']);
  const params = { name: 'PBKDF2', hash: 'SHA-256', salt, iterations };
  return new Uint8Array(await crypto.subtle.deriveBits(params, key, HASH_BITS));
}

/** The stored form of `password`: `pbkdf2-sha256$iterations$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await pbkdf2(password, salt, PBKDF2_ITERATIONS);
  return [SCHEME, PBKDF2_ITERATIONS, toBase64Url(salt), toBase64Url(hash)].join('$');
}

/** A well-formed stored hash nobody's password matches, so unknown names cost as much as known ones. */
const DUMMY_HASH = `${SCHEME}$${PBKDF2_ITERATIONS}$AAAAAAAAAAAAAAAAAAAAAA$${'A'.repeat(43)}`;

/**
 * True when `password` matches `stored`. With `stored` null (no such user, or no password set)
 * the same work is done and the answer is false, so timing does not tell whether a name exists.
 */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? DUMMY_HASH).split('$');
  const iterations = Number(parts[1]);
  if (parts.length !== 4 || parts[0] !== SCHEME || !(iterations >= 1 && iterations <= PBKDF2_ITERATIONS)) {
    return false;
  }
  const actual = await pbkdf2(password.slice(0, PASSWORD_LIMITS.maxChars), fromBase64Url(parts[2]!), iterations);
  return sameBytes(actual, fromBase64Url(parts[3]!)) && stored !== null;
}

/** A new secret (API token or session id): 32 random bytes, base64url, with a prefix saying what it is. */
export function newSecret(prefix: 'zpt' | 'zps'): string {
  return `${prefix}_${toBase64Url(crypto.getRandomValues(new Uint8Array(TOKEN_BYTES)))}`;
}

/** The SHA-256 of a secret, hex: what the store keeps and looks up. */
export async function secretHash(secret: string): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', encoder.encode(secret)));
}

/**
 * The CSRF token of a session: derived from its id, so it needs no storage, and only a page that
 * was given it (by sign-in or `GET /api/session`) can send it; a cross-site page cannot read it.
 */
export async function csrfTokenOf(sessionId: string): Promise<string> {
  return (await secretHash(`csrf:${sessionId}`)).slice(0, 43);
}

/** True when two strings are equal, in time that depends only on their lengths. */
export function sameBytesText(a: string, b: string): boolean {
  return sameBytes(encoder.encode(a), encoder.encode(b));
}

/**
 * Versions on the wire: a record's version is its ETag (`"3"`), and changing a record needs
 * `If-Match` with the version the client read, so a save never silently overwrites another.
 */
import { ZipingError } from '../core/errors.js';

/** The ETag of a version: the number in quotes. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

const VERSION_TAG = /^\s*(?:W\/)?"?([1-9]\d{0,9})"?\s*$/;

/** The version named by an `If-Match` (or `If-None-Match`) value, or null when it names none. */
export function versionOfTag(value: string): number | null {
  const match = VERSION_TAG.exec(value);
  return match ? Number(match[1]) : null;
}

/** The version in a required `If-Match` header: 428 when missing, 400 when not a version. */
export function requiredIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new ZipingError(
      'precondition_required',
      '修改或删除自评表时必须带 If-Match 请求头，值为你读到的版本号（读取时的 ETag，如 "3"），以免覆盖别人的修改。',
    );
  }
  const version = versionOfTag(header);
  if (version === null) {
    throw new ZipingError('invalid_request', `If-Match 请求头应为一个版本号（如 "3"），收到的是 ${header}`, {
      issues: [{ path: 'If-Match', code: 'invalid_version', message: 'If-Match 应为版本号' }],
    });
  }
  return version;
}

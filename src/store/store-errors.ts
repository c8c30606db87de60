/** The errors every repository raises, worded once. */
import { ZipingError } from '../core/errors.js';

/** `not_found` for a form id the store does not hold. */
export function formNotFound(id: string): ZipingError {
  return new ZipingError('not_found', `没有找到编号为 ${id} 的自评表（可能已被删除）`, { details: { id } });
}

/** `version_conflict` carrying the version a client must reload. */
export function versionConflict(id: string, expected: number, current: number): ZipingError {
  return new ZipingError(
    'version_conflict',
    `保存冲突：自评表 ${id} 已被他人更新到第 ${current} 版，你的修改基于第 ${expected} 版。请重新载入后再保存。`,
    { details: { id, expectedVersion: expected, currentVersion: current } },
  );
}

/** `not_found` for a version number the form never had. */
export function versionNotFound(id: string, version: number, latest: number): ZipingError {
  return new ZipingError('not_found', `自评表 ${id} 没有第 ${version} 版（现有第 1–${latest} 版）`, {
    details: { id, version, latestVersion: latest },
  });
}

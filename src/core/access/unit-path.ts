/**
 * Units form a tree written as paths, `某市财政局/某市科委/智源研究院` (issue #12). A path is
 * compared segment by segment, so `某市科委` is not under `某市科` .
 */
import { z } from 'zod';
import { UNIT_PATH_LIMITS } from '../limits.js';

const SEPARATOR = '/';

/** A unit path: 1–10 non-empty segments of at most 100 characters, no leading or trailing `/`. */
export const UnitPathSchema = z
  .string()
  .trim()
  .min(1, '单位路径不能为空')
  .max(UNIT_PATH_LIMITS.maxChars, `单位路径不能超过 ${UNIT_PATH_LIMITS.maxChars} 个字符`)
  .refine((path) => isUnitPath(path), {
    message: `单位路径应为以“/”分隔的单位名称，如“某市财政局/某市科委”，最多 ${UNIT_PATH_LIMITS.maxDepth} 级`,
  });

/** The segments of a unit path (no validation). */
export function unitSegments(path: string): string[] {
  return path.split(SEPARATOR);
}

/** True when `path` is a well-formed unit path. */
export function isUnitPath(path: string): boolean {
  const segments = unitSegments(path);
  if (segments.length > UNIT_PATH_LIMITS.maxDepth) return false;
  return segments.every((s) => s.length > 0 && s === s.trim() && s.length <= UNIT_PATH_LIMITS.maxSegmentChars);
}

/** True when `unit` is `ancestor` itself or lies below it in the tree. */
export function isWithinUnit(unit: string, ancestor: string): boolean {
  return unit === ancestor || unit.startsWith(ancestor + SEPARATOR);
}

/** True when `unit` lies strictly below `ancestor`. */
export function isBelowUnit(unit: string, ancestor: string): boolean {
  return unit !== ancestor && isWithinUnit(unit, ancestor);
}

/** The parent path, or null for a root unit. */
export function parentUnit(path: string): string | null {
  const at = path.lastIndexOf(SEPARATOR);
  return at < 0 ? null : path.slice(0, at);
}

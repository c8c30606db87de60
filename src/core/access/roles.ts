/**
 * The three roles of a team deployment and their Chinese names (issue #12). The JSON uses the
 * English codes; people see and type the Chinese labels (`ziping users add … --role 填报人`).
 */
import { z } from 'zod';
import { ZipingError } from '../errors.js';

/** Role codes, in the order the page lists them. */
export const ROLES = ['filler', 'reviewer', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** The one label table: 填报人 fills in forms, 审核人 reviews units below, 管理员 manages users. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  filler: '填报人',
  reviewer: '审核人',
  admin: '管理员',
};

/** The role named by a code or a Chinese label, or null. */
export function roleFromName(name: string): Role | null {
  const trimmed = name.trim();
  if ((ROLES as readonly string[]).includes(trimmed)) return trimmed as Role;
  const found = ROLES.find((role) => ROLE_LABELS[role] === trimmed);
  return found ?? null;
}

/**
 * The role named by a code or a Chinese label; else `invalid_request` with an `invalid_role` issue
 * on `role`. `field` is how the caller names the input (`角色` for the API, `--role ` for the CLI).
 */
export function requireRole(name: string, field = '角色'): Role {
  const role = roleFromName(name);
  if (role) return role;
  const labels = ROLES.map((r) => ROLE_LABELS[r]);
  const message = `${field}应为 ${labels.slice(0, -1).join('、')} 或 ${labels.at(-1)}`;
  throw new ZipingError('invalid_request', message, { issues: [{ path: 'role', code: 'invalid_role', message }] });
}

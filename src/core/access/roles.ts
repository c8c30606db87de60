/**
 * The three roles of a team deployment and their Chinese names (issue #12). The JSON uses the
 * English codes; people see and type the Chinese labels (`ziping users add … --role 填报人`).
 */
import { z } from 'zod';

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

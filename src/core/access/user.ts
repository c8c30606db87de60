/**
 * A user of a team deployment (issue #12): a sign-in name, a unit path and one role. Names are
 * what people type at sign-in and what history shows, so they are short and without spaces.
 */
import { z } from 'zod';
import { MAX_USER_NAME_CHARS } from '../limits.js';
import { RoleSchema } from './roles.js';
import { UnitPathSchema } from './unit-path.js';

/** Letters (Chinese included), digits, `.`, `_` and `-`; 1–MAX_USER_NAME_CHARS characters. */
const USER_NAME = new RegExp(`^[\\p{L}\\p{N}._-]{1,${MAX_USER_NAME_CHARS}}$`, 'u');

/** A sign-in name, trimmed. */
export const UserNameSchema = z
  .string()
  .trim()
  .regex(USER_NAME, `用户名应为 1–${MAX_USER_NAME_CHARS} 个字母、汉字、数字或 . _ -（不含空格）`);

/** A user as the API shows it (never a password hash or token). */
export const UserSchema = z.object({
  id: z.string(),
  name: UserNameSchema,
  unit: UnitPathSchema,
  role: RoleSchema,
  createdAt: z.string(),
  /** When an administrator revoked the user (ISO time); null while the account is active. */
  disabledAt: z.string().nullable(),
});
export type User = z.infer<typeof UserSchema>;

/** The `users` table's row as both SQL stores (D1, PostgreSQL) read it, and the user it makes. */
import { RoleSchema } from '../core/access/roles.js';
import type { StoredUser } from './accounts.js';

export interface UserRow {
  id: string;
  name: string;
  unit: string;
  role: string;
  password_hash: string | null;
  created_at: string;
  /** NULL while the user is active (migration 0006 / PostgreSQL 5). */
  disabled_at: string | null;
}

/** The columns of a UserRow, from the users table aliased `u`. */
export const USER_COLUMNS = 'u.id, u.name, u.unit, u.role, u.password_hash, u.created_at, u.disabled_at';

/** The stored user of a row (its role checked, so a hand-edited row cannot grant an unknown one). */
export function userOfRow(row: UserRow): StoredUser {
  return Object.freeze({
    id: row.id,
    name: row.name,
    unit: row.unit,
    role: RoleSchema.parse(row.role),
    createdAt: row.created_at,
    passwordHash: row.password_hash,
    disabledAt: row.disabled_at,
  });
}

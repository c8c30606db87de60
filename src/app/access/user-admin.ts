/**
 * Creating users, revoking and restoring their access, new tokens and passwords (issue #12),
 * shared by `ziping users` and the admin routes so both check and store the same way. A new user
 * gets an API token, returned once. Revoking disables the account (no sign-in, no token) until it
 * is restored; restoring does not bring back the revoked tokens.
 */
import type { Role } from '../../core/access/roles.js';
import { UnitPathSchema } from '../../core/access/unit-path.js';
import { UserNameSchema } from '../../core/access/user.js';
import { ZipingError, type FieldIssue } from '../../core/errors.js';
import { PASSWORD_LIMITS } from '../../core/limits.js';
import { publicUser, userNotFound, type AccountRepository, type StoredUser } from '../../store/accounts.js';
import type { User } from '../../core/access/user.js';
import { hashPassword, newSecret, secretHash } from './secrets.js';

export interface AddUserInput {
  name: string;
  unit: string;
  role: Role;
  /** A password for the page's sign-in; without one the user signs in with the token only. */
  password?: string;
}

export interface AddedUser {
  user: User;
  /** The new API token, shown once: only its hash is stored. */
  token: string;
}

/** `invalid_request` naming each bad field of a new user. */
function checkNewUser(input: AddUserInput): { name: string; unit: string } {
  const issues: FieldIssue[] = [];
  const name = UserNameSchema.safeParse(input.name);
  const unit = UnitPathSchema.safeParse(input.unit);
  if (!name.success) issues.push({ path: 'name', code: 'invalid_name', message: name.error.issues[0]!.message });
  if (!unit.success) issues.push({ path: 'unit', code: 'invalid_unit', message: unit.error.issues[0]!.message });
  const password = passwordIssue(input.password);
  if (password) issues.push(password);
  if (!name.success || !unit.success || issues.length > 0) {
    throw new ZipingError('invalid_request', `用户信息有误：${issues[0]!.message}`, { issues });
  }
  return { name: name.data, unit: unit.data };
}

/** The issue with a new password, or null when it is acceptable (or absent). */
export function passwordIssue(password: string | undefined): FieldIssue | null {
  if (password === undefined) return null;
  if (password.length < PASSWORD_LIMITS.minChars || password.length > PASSWORD_LIMITS.maxChars) {
    const message = `密码应为 ${PASSWORD_LIMITS.minChars}–${PASSWORD_LIMITS.maxChars} 个字符`;
    return { path: 'password', code: 'invalid_password', message };
  }
  return null;
}

/** Creates a user with a new API token (and a password hash when a password is given). */
export async function addUser(accounts: AccountRepository, input: AddUserInput, at: Date): Promise<AddedUser> {
  const { name, unit } = checkNewUser(input);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const user = await accounts.createUser({ name, unit, role: input.role, passwordHash, at });
  const token = newSecret('zpt');
  await accounts.addToken(user.id, await secretHash(token), at);
  return { user: publicUser(user), token };
}

/** The stored user `name`, or `not_found`. */
async function existingUser(accounts: AccountRepository, name: string): Promise<StoredUser> {
  const user = await accounts.userByName(name);
  if (!user) throw userNotFound(name);
  return user;
}

/**
 * Disables the user `name`, revoking every token and ending every session in the same write;
 * returns how many tokens were revoked. `last_admin` for the last active administrator.
 */
export async function revokeUser(accounts: AccountRepository, name: string, at: Date): Promise<number> {
  return accounts.revokeUser((await existingUser(accounts, name)).id, at);
}

/** Enables the user `name` again; the tokens revoked with them stay revoked (issue a new one). */
export async function restoreUser(accounts: AccountRepository, name: string): Promise<User> {
  const user = await existingUser(accounts, name);
  await accounts.restoreUser(user.id);
  return { ...publicUser(user), disabledAt: null };
}

/** Sets the password of the user `name` (checked as a new user's is); their sessions stay. */
export async function setUserPassword(accounts: AccountRepository, name: string, password: string): Promise<void> {
  const issue = passwordIssue(password);
  if (issue) throw new ZipingError('invalid_request', issue.message, { issues: [issue] });
  const user = await existingUser(accounts, name);
  await accounts.setPassword(user.id, await hashPassword(password));
}

/** A new API token for the active user `name` (the old ones stay valid until revoked). */
export async function newToken(accounts: AccountRepository, name: string, at: Date): Promise<string> {
  const user = await existingUser(accounts, name);
  // A disabled user gets none: the store's addToken refuses it (account_disabled)
  const token = newSecret('zpt');
  await accounts.addToken(user.id, await secretHash(token), at);
  return token;
}

/**
 * Creating users and revoking their access (issue #12), shared by `ziping users` and the admin
 * routes so both check and store the same way. A new user gets an API token, returned once.
 */
import type { Role } from '../../core/access/roles.js';
import { UnitPathSchema } from '../../core/access/unit-path.js';
import { UserNameSchema } from '../../core/access/user.js';
import { ZipingError, type FieldIssue } from '../../core/errors.js';
import { publicUser, userNotFound, type AccountRepository } from '../../store/accounts.js';
import type { User } from '../../core/access/user.js';
import { hashPassword, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, newSecret, secretHash } from './secrets.js';

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
  if (password.length < MIN_PASSWORD_CHARS || password.length > MAX_PASSWORD_CHARS) {
    const message = `密码应为 ${MIN_PASSWORD_CHARS}–${MAX_PASSWORD_CHARS} 个字符`;
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

/** Revokes every token and session of the user `name`; returns how many tokens were revoked. */
export async function revokeUser(accounts: AccountRepository, name: string, at: Date): Promise<number> {
  const user = await accounts.userByName(name);
  if (!user) throw userNotFound(name);
  return accounts.revokeUser(user.id, at);
}

/** A new API token for the user `name` (the old ones stay valid until revoked). */
export async function newToken(accounts: AccountRepository, name: string, at: Date): Promise<string> {
  const user = await accounts.userByName(name);
  if (!user) throw userNotFound(name);
  const token = newSecret('zpt');
  await accounts.addToken(user.id, await secretHash(token), at);
  return token;
}

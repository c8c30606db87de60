/**
 * Everything the file stores keep about accounts, as one document with pure transitions (issue
 * #12): the memory store holds it in a variable, the lowdb store also writes it to `accounts.json`.
 * Each function returns a new document; nothing is mutated, so a failed write leaves the old one.
 */
import { z } from 'zod';
import { RoleSchema } from '../core/access/roles.js';
import {
  accountDisabled,
  lastAdmin,
  userExists,
  userNotFound,
  type NewSession,
  type NewUser,
  type StoredUser,
} from './accounts.js';
import { newFormId } from './ids.js';

const StoredUserSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  unit: z.string().min(1),
  role: RoleSchema,
  createdAt: z.string(),
  passwordHash: z.string().nullable(),
  // Absent in files written before revoking disabled accounts: those users are active
  disabledAt: z.string().nullable().default(null),
});

export const AccountsDocumentSchema = z.object({
  format: z.literal(1),
  users: z.array(StoredUserSchema),
  tokens: z.array(
    z.object({ hash: z.string(), userId: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() }),
  ),
  sessions: z.array(z.object({ hash: z.string(), userId: z.string(), createdAt: z.string(), expiresAt: z.string() })),
});
export type AccountsDocument = z.infer<typeof AccountsDocumentSchema>;

/** A store without users. */
export const EMPTY_ACCOUNTS: AccountsDocument = Object.freeze({ format: 1, users: [], tokens: [], sessions: [] });

/** The user with `id`, or null. */
export function userWithId(doc: AccountsDocument, id: string): StoredUser | null {
  return doc.users.find((u) => u.id === id) ?? null;
}

/** The user with `id` if active; `not_found` if unknown, `account_disabled` if disabled. */
function activeUser(doc: AccountsDocument, id: string): StoredUser {
  const user = userWithId(doc, id);
  if (!user) throw userNotFound(id);
  if (user.disabledAt !== null) throw accountDisabled(user.name);
  return user;
}

/** The user with `id` if it exists and is active, else null. */
function activeUserOrNull(doc: AccountsDocument, id: string): StoredUser | null {
  const user = userWithId(doc, id);
  return user && user.disabledAt === null ? user : null;
}

/** How many active administrators the document holds. */
export function activeAdminCount(doc: AccountsDocument): number {
  return doc.users.filter((u) => u.role === 'admin' && u.disabledAt === null).length;
}

/** The document with a new user (`user_exists` when the name is taken). */
export function withUser(doc: AccountsDocument, input: NewUser): [AccountsDocument, StoredUser] {
  if (doc.users.some((u) => u.name === input.name)) throw userExists(input.name);
  const user: StoredUser = {
    id: newFormId(),
    name: input.name,
    unit: input.unit,
    role: input.role,
    createdAt: input.at.toISOString(),
    passwordHash: input.passwordHash,
    disabledAt: null,
  };
  return [{ ...doc, users: [...doc.users, user] }, user];
}

/** The document with user `userId`'s password hash replaced. */
export function withPassword(doc: AccountsDocument, userId: string, passwordHash: string): AccountsDocument {
  if (!userWithId(doc, userId)) throw userNotFound(userId);
  return { ...doc, users: doc.users.map((u) => (u.id === userId ? { ...u, passwordHash } : u)) };
}

/** The document with a new token hash for the active user `userId`. */
export function withToken(doc: AccountsDocument, userId: string, hash: string, at: Date): AccountsDocument {
  activeUser(doc, userId);
  return { ...doc, tokens: [...doc.tokens, { hash, userId, createdAt: at.toISOString(), revokedAt: null }] };
}

/** The active owner of a live token, or null. */
export function userOfToken(doc: AccountsDocument, hash: string): StoredUser | null {
  const token = doc.tokens.find((t) => t.hash === hash);
  return token && token.revokedAt === null ? activeUserOrNull(doc, token.userId) : null;
}

/** The users with `userId`'s `disabledAt` set to `value` (null: active again). */
function usersWithDisabled(doc: AccountsDocument, userId: string, value: string | null): StoredUser[] {
  return doc.users.map((u) => (u.id === userId ? { ...u, disabledAt: value } : u));
}

/**
 * The document with `userId` disabled (an earlier `disabledAt` kept), their tokens revoked and
 * sessions ended, and how many tokens that revoked; `last_admin` for the last active administrator.
 */
export function withUserRevoked(doc: AccountsDocument, userId: string, at: Date): [AccountsDocument, number] {
  const user = userWithId(doc, userId);
  if (!user) throw userNotFound(userId);
  if (user.role === 'admin' && user.disabledAt === null && activeAdminCount(doc) <= 1) throw lastAdmin();
  const users = usersWithDisabled(doc, userId, user.disabledAt ?? at.toISOString());
  let count = 0;
  const tokens = doc.tokens.map((t) => {
    if (t.userId !== userId || t.revokedAt !== null) return t;
    count += 1;
    return { ...t, revokedAt: at.toISOString() };
  });
  return [{ ...doc, users, tokens, sessions: doc.sessions.filter((s) => s.userId !== userId) }, count];
}

/** The document with `userId` active again (tokens stay as they are). */
export function withUserRestored(doc: AccountsDocument, userId: string): AccountsDocument {
  if (!userWithId(doc, userId)) throw userNotFound(userId);
  return { ...doc, users: usersWithDisabled(doc, userId, null) };
}

/** The document with a new session of an active user, and without sessions that expired by then. */
export function withSession(doc: AccountsDocument, session: NewSession): AccountsDocument {
  activeUser(doc, session.userId);
  const now = session.at.toISOString();
  const live = doc.sessions.filter((s) => s.expiresAt > now);
  const row = {
    hash: session.hash,
    userId: session.userId,
    createdAt: now,
    expiresAt: session.expiresAt.toISOString(),
  };
  return { ...doc, sessions: [...live, row] };
}

/** The active user of a session live at `now`, or null. */
export function userOfSession(doc: AccountsDocument, hash: string, now: Date): StoredUser | null {
  const session = doc.sessions.find((s) => s.hash === hash);
  return session && session.expiresAt > now.toISOString() ? activeUserOrNull(doc, session.userId) : null;
}

/** The document without the session `hash`. */
export function withoutSession(doc: AccountsDocument, hash: string): AccountsDocument {
  return { ...doc, sessions: doc.sessions.filter((s) => s.hash !== hash) };
}

/** Users sorted by name. */
export function usersByName(doc: AccountsDocument): StoredUser[] {
  return [...doc.users].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

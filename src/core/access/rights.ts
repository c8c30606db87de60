/**
 * What each role may do with a form of a unit (issue #12). This table is the only place that
 * decides; the app's access check asks it before any route reads a form.
 */
import type { Actor } from './actor.js';
import type { Role } from './roles.js';
import { isWithinUnit } from './unit-path.js';

/**
 * - read: see the form, its history, narratives, chats, checks and exports;
 * - edit: change, draft, chat, delete (the unit's own figures and text);
 * - submit: send the form for review;
 * - review: set 审核得分/审核意见, return or accept;
 * - audit: read the audit log of the unit;
 * - admin: manage users and units.
 */
export const RIGHTS = ['read', 'edit', 'submit', 'review', 'audit', 'admin'] as const;
export type Right = (typeof RIGHTS)[number];

/** Which units a role's right reaches, relative to the actor's own unit. */
type Reach = 'own' | 'subtree' | 'none';

const REACH: Readonly<Record<Role, Readonly<Record<Right, Reach>>>> = {
  // 填报人: create, edit, draft and submit their unit's forms
  filler: { read: 'own', edit: 'own', submit: 'own', review: 'none', audit: 'none', admin: 'none' },
  // 审核人: read the forms of units under theirs, review them, never change the unit's text
  reviewer: { read: 'subtree', edit: 'none', submit: 'none', review: 'subtree', audit: 'subtree', admin: 'none' },
  // 管理员: users, units and settings of their part of the tree
  admin: { read: 'subtree', edit: 'none', submit: 'none', review: 'none', audit: 'subtree', admin: 'subtree' },
};

/** True when `actor` may use `right` on something belonging to `unit`. */
export function can(actor: Actor, right: Right, unit: string): boolean {
  if (actor.kind === 'local') return true;
  if (actor.kind === 'anonymous') return false;
  const reach = REACH[actor.role][right];
  if (reach === 'own') return unit === actor.unit;
  if (reach === 'subtree') return isWithinUnit(unit, actor.unit);
  return false;
}

/** The units whose things an actor may use a right on: every unit, none, or one unit (and those below it). */
export type UnitScope = { kind: 'all' } | { kind: 'none' } | { kind: 'unit'; unit: string; subtree: boolean };

/** Where `actor`'s `right` reaches, for filtering lists the way `can` decides one item. */
export function scopeOf(actor: Actor, right: Right): UnitScope {
  if (actor.kind === 'local') return { kind: 'all' };
  if (actor.kind === 'anonymous') return { kind: 'none' };
  const reach = REACH[actor.role][right];
  if (reach === 'none') return { kind: 'none' };
  return { kind: 'unit', unit: actor.unit, subtree: reach === 'subtree' };
}

/** True when `unit` (null: a form saved before accounts, which no user's scope reaches) is in `scope`. */
export function inScope(scope: UnitScope, unit: string | null): boolean {
  if (scope.kind !== 'unit') return scope.kind === 'all';
  if (unit === null) return false;
  return scope.subtree ? isWithinUnit(unit, scope.unit) : unit === scope.unit;
}

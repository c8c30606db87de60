/**
 * One line of the audit log (issue #12): who did what to which form, with what result, when.
 * An entry names people, units and forms, never what a form says, a token or a password.
 */
import { z } from 'zod';
import { type Actor, actorName } from '../access/actor.js';
import { RoleSchema } from '../access/roles.js';

/** What the audit log calls an access: who read, changed, drafted, exported, submitted… what. */
export const AUDIT_ACTIONS = [
  'read',
  'create',
  'change',
  'delete',
  'draft',
  'export',
  'import',
  'submit',
  'return',
  'accept',
  'review',
  'admin',
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

/** The name the local actor (a server without accounts) is logged under. */
export const LOCAL_ACTOR_NAME = '本机';

export const AuditEntrySchema = z.object({
  /** Position in the log, increasing; newer entries have larger numbers. */
  seq: z.number().int().positive(),
  /** ISO time the response was given. */
  at: z.string(),
  /** The user's sign-in name, or 本机. */
  actorName: z.string(),
  /** null for the local actor. */
  actorRole: RoleSchema.nullable(),
  /** The user's unit path; null for the local actor. */
  actorUnit: z.string().nullable(),
  action: AuditActionSchema,
  /** The form the route worked on (`:id`), or null (a new form, a draft of an unsaved form…). */
  formId: z.string().nullable(),
  /** The form's unit when known; null without accounts. */
  formUnit: z.string().nullable(),
  /** The HTTP status answered. */
  status: z.number().int(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** An entry before the log numbers it. */
export type NewAuditEntry = Omit<AuditEntry, 'seq'>;

/** The unit an entry belongs to, for who may read it: the form's unit, else the actor's. */
export function auditScopeUnit(entry: Pick<AuditEntry, 'formUnit' | 'actorUnit'>): string | null {
  return entry.formUnit ?? entry.actorUnit;
}

/** Who an entry names: the user's name, role and unit, or 本机 for the local actor; null for nobody. */
export function auditActor(actor: Actor): Pick<AuditEntry, 'actorName' | 'actorRole' | 'actorUnit'> | null {
  if (actor.kind === 'anonymous') return null;
  return actor.kind === 'user'
    ? { actorName: actorName(actor, LOCAL_ACTOR_NAME), actorRole: actor.role, actorUnit: actor.unit }
    : { actorName: LOCAL_ACTOR_NAME, actorRole: null, actorUnit: null };
}

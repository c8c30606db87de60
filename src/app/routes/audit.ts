/**
 * `GET /api/audit`: the audit log, newest first, paged (issue #12). Administrators and reviewers
 * see the entries of their unit and the units below it (core's `scopeOf(actor, 'audit')`); the local
 * actor sees all. Filters: form, unit (with the units below it), since/until.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { type Actor, inScope, scopeOf } from '../../core/access/index.js';
import { isWithinUnit, UnitPathSchema } from '../../core/access/unit-path.js';
import { AuditEntrySchema } from '../../core/audit/entry.js';
import { AUDIT_PAGE_LIMITS } from '../../core/limits.js';
import type { ResolvedDeps } from '../deps.js';
import { createRouter } from '../router.js';
import { errors, jsonResponse } from '../schemas.js';

const AuditQuerySchema = z.object({
  formId: z.string().min(1).max(100).optional().openapi({ description: '只看这张表' }),
  unit: UnitPathSchema.optional().openapi({ description: '只看这个单位及其下级单位' }),
  since: z.iso.datetime({ offset: true }).optional().openapi({ description: '起始时间（含），ISO 8601' }),
  until: z.iso.datetime({ offset: true }).optional().openapi({ description: '截止时间（含），ISO 8601' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(AUDIT_PAGE_LIMITS.max)
    .optional()
    .openapi({ description: `每页条数，1–${AUDIT_PAGE_LIMITS.max}，默认 ${AUDIT_PAGE_LIMITS.default}` }),
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, 'cursor 应为上一页的 nextCursor')
    .optional()
    .openapi({ description: '上一页的 nextCursor' }),
});

const AuditPageSchema = z
  .object({
    items: z.array(AuditEntrySchema.clone().openapi('AuditEntry')),
    nextCursor: z.string().nullable().openapi({ description: '下一页的 cursor；最后一页为 null' }),
  })
  .openapi('AuditPage');

const auditRoute = createRoute({
  method: 'get',
  path: '/audit',
  summary: '审计日志',
  description:
    '谁在何时对哪张表做了什么（查看、修改、起草、导出、删除……）及结果状态，新的在前。管理员和审核人可看本单位及下级单位的记录（填报人 403）。记录不含表的内容、令牌或密码。',
  request: { query: AuditQuerySchema },
  responses: { 200: jsonResponse(AuditPageSchema, '一页审计记录'), ...errors(400, 401, 403) },
});

/**
 * The unit subtree whose entries the query reads: where `actor`'s audit right reaches (core's
 * `scopeOf`), narrowed by the asked `unit`; undefined for all (local actor), null for none. A unit
 * above the actor's own is narrowed to the actor's (the audit right reaches a subtree, rights.ts).
 */
function auditUnitOf(actor: Actor, unit: string | undefined): string | undefined | null {
  const scope = scopeOf(actor, 'audit');
  if (scope.kind !== 'unit') return scope.kind === 'all' ? unit : null;
  if (unit === undefined) return scope.unit;
  if (inScope(scope, unit)) return unit;
  return isWithinUnit(scope.unit, unit) ? scope.unit : null;
}

/** The audit route, to be mounted under `/api`. */
export function auditRoutes(deps: ResolvedDeps) {
  return createRouter().openapi(auditRoute, async (c) => {
    // The access layer has let only those with the audit right on their unit through (policy.ts)
    const actor = c.get('actor');
    const query = c.req.valid('query');
    const scope = auditUnitOf(actor, query.unit);
    if (scope === null) return c.json({ items: [], nextCursor: null }, 200);
    const page = await deps.audit.list({
      ...(query.formId ? { formId: query.formId } : {}),
      ...(scope !== undefined ? { withinUnit: scope } : {}),
      ...(query.since ? { since: new Date(query.since).toISOString() } : {}),
      ...(query.until ? { until: new Date(query.until).toISOString() } : {}),
      ...(query.cursor ? { beforeSeq: Number(query.cursor) } : {}),
      limit: query.limit ?? AUDIT_PAGE_LIMITS.default,
    });
    return c.json({ items: page.items, nextCursor: page.nextCursor === null ? null : String(page.nextCursor) }, 200);
  });
}

/**
 * `GET /api/health`: whether the store answers, which kind it is, and the data files it moved
 * aside at start (issue #8: one bad file never stops the rest). Says nothing secret: no database
 * URL, password or absolute path. Always 200 with `ok` (a proxy checks `"ok":true`), so the body is
 * readable even when the store is not.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { StoreHealth } from '../../store/repository.js';
import type { ResolvedDeps } from '../deps.js';
import { createRouter } from '../router.js';
import { jsonResponse } from '../schemas.js';

const QuarantinedFileSchema = z
  .object({
    file: z.string().openapi({ description: '原位置（相对数据目录），如 forms/<id>.json' }),
    movedTo: z.string().openapi({ description: '隔离后的位置（相对数据目录），如 quarantine/<时间>-<id>.json' }),
    reason: z.string().openapi({ description: '无法载入的原因' }),
    at: z.string().openapi({ description: '隔离时间（ISO 8601）' }),
  })
  .openapi('QuarantinedFile');

const StoreHealthSchema = z
  .object({
    kind: z.string().openapi({ description: 'lowdb、postgres、d1、memory……' }),
    ok: z.boolean(),
    quarantined: z.array(QuarantinedFileSchema),
    problem: z.string().optional(),
  })
  .openapi('StoreHealth');

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  summary: '服务状态',
  description: '存储是否可用、存储类型，以及启动时因无法载入而被隔离的数据文件（不含任何密钥或绝对路径）。',
  responses: { 200: jsonResponse(z.object({ ok: z.boolean(), store: StoreHealthSchema }), '服务状态') },
});

async function storeHealth(deps: ResolvedDeps): Promise<StoreHealth> {
  if (!deps.store.health) return { kind: 'unknown', ok: true, quarantined: [] };
  try {
    return await deps.store.health();
  } catch (error) {
    deps.logError('health check failed', error);
    return { kind: 'unknown', ok: false, quarantined: [], problem: '存储没有响应' };
  }
}

/** The health route, to be mounted under `/api`. */
export function healthRoutes(deps: ResolvedDeps) {
  return createRouter().openapi(healthRoute, async (c) => {
    const store = await storeHealth(deps);
    c.header('Cache-Control', 'no-store');
    return c.json({ ok: store.ok, store }, 200);
  });
}

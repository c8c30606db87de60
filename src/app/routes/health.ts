/**
 * `GET /api/health`: whether the store answers, which kind it is, and the data files it moved
 * aside at start (issue #8: one bad file never stops the rest). Says nothing secret: no database
 * URL, password or absolute path. 200 when the store answers, 503 when it does not.
 */
import { Hono } from 'hono';
import type { ResolvedDeps } from '../deps.js';
import type { StoreHealth } from '../../store/repository.js';

async function storeHealth(deps: ResolvedDeps): Promise<StoreHealth> {
  if (!deps.store.health) return { kind: 'unknown', ok: true, quarantined: [] };
  try {
    return await deps.store.health();
  } catch (error) {
    deps.logError('health check failed', error);
    return { kind: 'unknown', ok: false, quarantined: [], problem: '存储没有响应' };
  }
}

/** The health route, mounted under `/api`. */
export function healthRoutes(deps: ResolvedDeps): Hono {
  const app = new Hono();
  app.get('/health', async (c) => {
    const store = await storeHealth(deps);
    c.header('Cache-Control', 'no-store');
    return c.json({ ok: store.ok, store }, store.ok ? 200 : 503);
  });
  return app;
}

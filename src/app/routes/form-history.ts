/**
 * The past of a form: every saved version (who, when, which fields changed), one version in
 * full, and one narrative cell's texts with their origins, for diffs and restores.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { parseWith, scoreForm, ZipingError } from '../../core/index.js';
import { isNarrativePath, narrativeTextAt, hasNarrativeCell } from '../../core/narratives/paths.js';
import { isStale } from '../../core/narratives/snapshot.js';
import type { ResolvedDeps } from '../deps.js';
import { etagOf } from '../versions-header.js';

const VersionParamSchema = z.string().regex(/^[1-9]\d{0,9}$/, '版本号应为正整数').transform(Number);

/** The history routes, to be mounted under `/api`. */
export function formHistoryRoutes(deps: ResolvedDeps): Hono {
  const { store } = deps;
  const app = new Hono();

  app.get('/forms/:id/history', async (c) => {
    const id = c.req.param('id');
    return c.json({ id, versions: await store.history(id) });
  });

  app.get('/forms/:id/versions/:version', async (c) => {
    const id = c.req.param('id');
    const version = parseWith(VersionParamSchema, c.req.param('version'), 'invalid_request', '版本号');
    const saved = await store.getVersion(id, version);
    c.header('ETag', etagOf(saved.version));
    // Old versions are scored again with today's rules, so they compare with the current report.
    return c.json({ id, ...saved, report: scoreForm(saved.form) });
  });

  app.get('/forms/:id/narratives/:path/history', async (c) => {
    const id = c.req.param('id');
    const path = c.req.param('path');
    if (!isNarrativePath(path)) {
      throw new ZipingError('invalid_request', `“${path}”不是叙述单元格：应为 goals.actual 或 indicators.N.deviation（N 从 0 起）`, {
        issues: [{ path: 'path', code: 'invalid_path', message: '不是叙述单元格' }],
      });
    }
    const record = await store.get(id);
    // Entries of a save that landed after the record was read belong to a version not shown here.
    const entries = ((await store.narratives(id))[path] ?? []).filter((entry) => entry.version <= record.version);
    const exists = hasNarrativeCell(record.form, path);
    return c.json({
      id,
      path,
      version: record.version,
      current: exists ? { text: narrativeTextAt(record.form, path) } : null,
      entries: entries.map((entry) => ({ ...entry, stale: isStale(entry, record.form, record.report) })),
    });
  });

  return app;
}

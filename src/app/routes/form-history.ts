/**
 * The past of a form: every saved version (who, when, which fields changed), one version in
 * full, and one narrative cell's texts with their origins, for diffs and restores.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { scoreForm } from '../../core/index.js';
import { MAX_HISTORY_PER_CELL } from '../../core/limits.js';
import { hasNarrativeCell, narrativeTextAt } from '../../core/narratives/paths.js';
import { isStale } from '../../core/narratives/snapshot.js';
import type { NarrativePath } from '../../core/schema/form.js';
import { checkedForm } from '../access/checked-form.js';
import type { ResolvedDeps } from '../deps.js';
import { createRouter } from '../router.js';
import {
  errors,
  EtagHeader,
  Form,
  IdParams,
  jsonResponse,
  NarrativeEntry,
  NarrativePathSchema,
  ScoreReport,
  VersionEntry,
} from '../schemas.js';
import { etagOf } from '../versions-header.js';

const VersionParams = IdParams.extend({
  version: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, '版本号应为正整数')
    .transform(Number)
    .openapi({ description: '版本号（从 1 起）', example: '1' }),
});

const historyRoute = createRoute({
  method: 'get',
  path: '/forms/{id}/history',
  summary: '版本历史',
  description: '每次保存：版本号、时间、保存人、改动的字段（值有变化的叶子字段路径；第 1 版为空）。由旧到新。',
  request: { params: IdParams },
  responses: {
    200: jsonResponse(z.object({ id: z.string(), versions: z.array(VersionEntry) }), '版本历史'),
    ...errors(404),
  },
});

const VersionViewSchema = VersionEntry.extend({ id: z.string(), form: Form, report: ScoreReport }).openapi(
  'VersionView',
);

const versionRoute = createRoute({
  method: 'get',
  path: '/forms/{id}/versions/{version}',
  summary: '读取某一版',
  description: '该版的表单；report 为该版表单按现行规则重新评分的结果。',
  request: { params: VersionParams },
  responses: {
    200: { ...jsonResponse(VersionViewSchema, '该版内容'), headers: EtagHeader },
    ...errors(400, 404),
  },
});

const NarrativeHistorySchema = z
  .object({
    id: z.string(),
    path: z.string(),
    version: z.number().int().openapi({ description: '表单当前版本' }),
    current: z.object({ text: z.string() }).nullable().openapi({ description: '当前文字；表中已无此单元格时为 null' }),
    entries: z.array(NarrativeEntry.extend({ stale: z.boolean() })),
  })
  .openapi('NarrativeHistory');

const narrativeHistoryRoute = createRoute({
  method: 'get',
  path: '/forms/{id}/narratives/{path}/history',
  summary: '叙述单元格的历史',
  description:
    '一个叙述单元格每次变化的文字、来源、保存人，以及写成时依据的数字与得分（snapshot）；stale 表示与当前表单已不一致。' +
    `每个单元格只保留最近 ${MAX_HISTORY_PER_CELL} 条文字（更早的在保存时删除）；表单的版本历史全部保留。`,
  request: { params: IdParams.extend({ path: NarrativePathSchema }) },
  responses: { 200: jsonResponse(NarrativeHistorySchema, '单元格历史'), ...errors(400, 404) },
});

/** The history routes, to be mounted under `/api`. */
export function formHistoryRoutes(deps: ResolvedDeps) {
  const { store } = deps;
  return createRouter()
    .openapi(historyRoute, async (c) => {
      const { id } = c.req.valid('param');
      return c.json({ id, versions: await store.history(id) }, 200);
    })
    .openapi(versionRoute, async (c) => {
      const { id, version } = c.req.valid('param');
      const saved = await store.getVersion(id, version);
      c.header('ETag', etagOf(saved.version));
      // Old versions are scored again with today's rules, so they compare with the current report.
      return c.json({ id, ...saved, report: scoreForm(saved.form) }, 200);
    })
    .openapi(narrativeHistoryRoute, async (c) => {
      const { id } = c.req.valid('param');
      const path = c.req.valid('param').path as NarrativePath;
      const record = await checkedForm(c, store, id);
      // Entries of a save that landed after the record was read belong to a version not shown here.
      const entries = ((await store.narratives(id))[path] ?? []).filter((entry) => entry.version <= record.version);
      const exists = hasNarrativeCell(record.form, path);
      return c.json(
        {
          id,
          path,
          version: record.version,
          current: exists ? { text: narrativeTextAt(record.form, path) } : null,
          entries: entries.map((entry) => ({ ...entry, stale: isStale(entry, record.form, record.report) })),
        },
        200,
      );
    });
}

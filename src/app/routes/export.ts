/**
 * `GET /api/forms/:id/export.xlsx` and `.docx`: a stored form, scored by the current rules, as the
 * 自评表 in the official layout (.xlsx) or the 自评表 and 自评报告 (.docx, `?parts=table|report`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { scoreForm } from '../../core/index.js';
import {
  DOCX_PARTS,
  EXPORT_CONTENT_TYPES,
  exportFileName,
  exportForm,
  proseHeader,
  writeReportProse,
  type DocxParts,
  type ExportFormat,
} from '../../io/export/index.js';
import { checkedForm } from '../access/checked-form.js';
import { attachmentDisposition } from '../content-disposition.js';
import type { AppEnv } from '../app-env.js';
import type { ResolvedDeps } from '../deps.js';
import { createRouter } from '../router.js';
import { errors, IdParams } from '../schemas.js';

const ExportQuery = z.object({
  parts: z
    .enum(DOCX_PARTS as [DocxParts, ...DocxParts[]], { error: 'parts 应为 both、table 或 report' })
    .optional()
    .openapi({ description: 'both（默认）自评表和自评报告；table 仅自评表；report 仅自评报告' }),
});

const fileResponse = (format: ExportFormat, description: string) => ({
  description,
  headers: z.object({
    'Content-Disposition': z.string().openapi({ description: 'attachment；中文文件名见 filename*（RFC 5987）' }),
    ...(format === 'docx'
      ? {
          'X-Ziping-Report-Prose': z.string().optional().openapi({
            description:
              '自评报告正文由谁写、核查结果：`builtin; findings=N`，或 `model=名称; fallback=3,4; findings=N`（未通过核查而改用内置文字的节）',
          }),
        }
      : {}),
  }),
  content: { [EXPORT_CONTENT_TYPES[format]]: { schema: z.string().openapi({ format: 'binary' }) } },
});

const xlsxRoute = createRoute({
  method: 'get',
  path: '/forms/{id}/export.xlsx',
  summary: '导出 .xlsx 自评表',
  description: '按现行规则评分后，以官方版式（A4 横向，适合页宽）导出自评表；总分含预算执行率得分，与评分报告一致。',
  request: { params: IdParams },
  responses: { 200: fileResponse('xlsx', '.xlsx 文件'), ...errors(404) },
});

const docxRoute = createRoute({
  method: 'get',
  path: '/forms/{id}/export.docx',
  summary: '导出 .docx 自评表及自评报告',
  description: 'Word 文件：自评表（横向表格，合并单元格）和公文格式的项目支出绩效自评报告。',
  request: { params: IdParams, query: ExportQuery },
  responses: { 200: fileResponse('docx', '.docx 文件'), ...errors(400, 404) },
});

/** The file of stored form `id`, with its content type and download name. */
async function sendExport(c: Context<AppEnv>, deps: ResolvedDeps, id: string, format: ExportFormat, parts: DocxParts) {
  const record = await checkedForm(c, deps.store, id);
  // Scored now, like POST /api/score and old versions: every total in the file is this report's
  const report = scoreForm(record.form);
  // The 自评报告's prose: a configured model's sections where they pass the draft checks, else built in
  const outcome =
    format === 'docx' && parts !== 'table'
      ? await writeReportProse(record.form, report, c.get('textModel') ?? deps.textModel, c.req.raw.signal)
      : null;
  // The review beside the form (issue #12): its columns appear once the form has been submitted
  const review = await deps.reviews.get(id);
  const bytes = await exportForm(record.form, report, format, parts, outcome?.prose, review);
  const name = exportFileName(record.form, format, parts);
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    ...(outcome ? { 'X-Ziping-Report-Prose': proseHeader(outcome) } : {}),
    'Content-Type': EXPORT_CONTENT_TYPES[format],
    'Content-Disposition': attachmentDisposition(name, `ziping-${id}.${format}`),
    'Cache-Control': 'private, no-cache',
  });
}

/** The export routes, to be mounted under `/api`. */
export function exportRoutes(deps: ResolvedDeps) {
  return createRouter()
    .openapi(xlsxRoute, (c) => sendExport(c, deps, c.req.valid('param').id, 'xlsx', 'both'))
    .openapi(docxRoute, (c) =>
      sendExport(c, deps, c.req.valid('param').id, 'docx', c.req.valid('query').parts ?? 'both'),
    );
}

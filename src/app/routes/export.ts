/**
 * `GET /api/forms/:id/export.xlsx` and `.docx`: a stored form, scored by the current rules, as the
 * 自评表 in the official layout (.xlsx) or the 自评表 and 自评报告 (.docx, `?parts=table|report`).
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { parseWith, scoreForm } from '../../core/index.js';
import {
  DOCX_PARTS,
  EXPORT_CONTENT_TYPES,
  exportFileName,
  exportForm,
  type DocxParts,
  type ExportFormat,
} from '../../io/export/index.js';
import { attachmentDisposition } from '../content-disposition.js';
import type { ResolvedDeps } from '../deps.js';

export const ExportQuerySchema = z.object({
  parts: z.enum(DOCX_PARTS as [DocxParts, ...DocxParts[]], { error: 'parts 应为 both、table 或 report' }).optional(),
});

/** The export routes, to be mounted under `/api`. */
export function exportRoutes(deps: ResolvedDeps): Hono {
  const app = new Hono();
  const send = (format: ExportFormat) => async (c: Context) => {
    const query = parseWith(ExportQuerySchema, c.req.query(), 'invalid_request', '查询参数');
    const parts = format === 'docx' ? (query.parts ?? 'both') : 'both';
    const id = c.req.param('id')!;
    const record = await deps.store.get(id);
    // Scored now, like POST /api/score: every total in the file is this report's
    const report = scoreForm(record.form);
    const bytes = await exportForm(record.form, report, format, parts);
    const name = exportFileName(record.form, format, parts);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': EXPORT_CONTENT_TYPES[format],
      'Content-Disposition': attachmentDisposition(name, `ziping-${id}.${format}`),
      'Cache-Control': 'private, no-cache',
    });
  };
  app.get('/forms/:id/export.xlsx', send('xlsx'));
  app.get('/forms/:id/export.docx', send('docx'));
  return app;
}

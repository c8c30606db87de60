/**
 * `POST /api/import`: a workbook or text in, `{ form, report }` out; nothing is stored (the page
 * saves through /api/forms once the user has reviewed it). The body is the file itself with its
 * content type, or multipart/form-data with a `file` part (or a `text` field).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ZipingError } from '../../core/errors.js';
import { ImportReportSchema, importFile, importTextAssisted } from '../../io/import/index.js';
import type { ResolvedDeps } from '../deps.js';
import { createRouter } from '../router.js';
import { errors, Form, jsonResponse } from '../schemas.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content types the route accepts (for the content-type middleware of the hardening issue). */
export const IMPORT_CONTENT_TYPES = [XLSX, 'application/octet-stream', 'text/plain', 'multipart/form-data'] as const;

const binary = z.string().openapi({ format: 'binary' });
/** A multipart file part, as the form validator hands it over. */
const isFile = (v: unknown): v is File => typeof v === 'object' && v !== null && 'arrayBuffer' in v;
const filePart = z.custom<File>(isFile, { message: 'file 应为文件' }).openapi({ type: 'string', format: 'binary' });
const ImportReport = ImportReportSchema.clone().openapi('ImportReport', {
  description: '导入报告：读取、推断、略过、未能读取',
});
const ImportResult = z.object({ form: Form, report: ImportReport }).openapi('ImportResult');

const importRoute = createRoute({
  method: 'post',
  path: '/import',
  summary: '导入 .xlsx 或文本（不保存）',
  description:
    '请求体为文件本身（.xlsx 或文本，按内容识别），或 multipart/form-data 的 `file` / `text` 字段。返回表单与导入报告，不保存任何内容。',
  request: {
    body: {
      required: true,
      content: {
        [XLSX]: { schema: binary },
        'application/octet-stream': { schema: binary },
        'text/plain': { schema: z.string() },
        'multipart/form-data': { schema: z.object({ file: filePart.optional(), text: z.string().optional() }) },
      },
    },
  },
  responses: {
    200: jsonResponse(ImportResult, '表单与导入报告'),
    ...errors(400, 413, 415, 422, 500),
  },
});

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The import route, to be mounted under `/api`. */
export function importRoutes(deps: ResolvedDeps) {
  return createRouter().openapi(importRoute, async (c) => {
    // A configured model may read what the parser could not place (text only; see model-assist.ts)
    const options = { model: c.get('textModel') ?? deps.textModel, signal: c.req.raw.signal };
    const type = mediaType(c.req.header('content-type'));
    if (!(IMPORT_CONTENT_TYPES as readonly string[]).includes(type)) {
      throw new ZipingError(
        'unsupported_media_type',
        `不支持的内容类型“${type || '（无）'}”：请上传 .xlsx、文本或 multipart/form-data`,
      );
    }
    if (type !== 'multipart/form-data')
      return c.json(await importFile(new Uint8Array(await c.req.arrayBuffer()), options), 200);
    const { file, text } = c.req.valid('form') as { file?: File; text?: string };
    if (file) return c.json(await importFile(new Uint8Array(await file.arrayBuffer()), options), 200);
    if (typeof text === 'string') return c.json(await importTextAssisted(text, options), 200);
    throw new ZipingError('invalid_request', '表单数据中缺少 file（文件）或 text（粘贴的文字）字段', {
      issues: [{ path: 'file', code: 'required', message: '请选择文件或粘贴文字' }],
    });
  });
}

/**
 * `POST /api/import`: a workbook or text in, `{ form, report }` out; nothing is stored (the page
 * saves through /api/forms once the user has reviewed it). The body is the file itself with its
 * content type, or multipart/form-data with a `file` part (or a `text` field).
 */
import { Hono } from 'hono';
import { ZipingError } from '../../core/errors.js';
import { importFile, importText } from '../../io/import/index.js';
import type { ResolvedDeps } from '../deps.js';

/** Content types the route accepts (for the content-type middleware of the hardening issue). */
export const IMPORT_CONTENT_TYPES = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
  'text/plain',
  'multipart/form-data',
] as const;

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

async function fromMultipart(request: Request) {
  const data = await request.formData();
  const file = data.get('file');
  if (file && typeof file !== 'string') return importFile(new Uint8Array(await file.arrayBuffer()));
  const text = data.get('text');
  if (typeof text === 'string') return importText(text);
  throw new ZipingError('invalid_request', '表单数据中缺少 file（文件）或 text（粘贴的文字）字段', {
    issues: [{ path: 'file', code: 'required', message: '请选择文件或粘贴文字' }],
  });
}

/** The import route, to be mounted under `/api`. */
export function importRoutes(_deps: ResolvedDeps): Hono {
  const app = new Hono();
  app.post('/import', async (c) => {
    const type = mediaType(c.req.header('content-type'));
    if (!(IMPORT_CONTENT_TYPES as readonly string[]).includes(type)) {
      throw new ZipingError('unsupported_file_type', `不支持的内容类型“${type || '（无）'}”：请上传 .xlsx、文本或 multipart/form-data`);
    }
    if (type === 'multipart/form-data') return c.json(await fromMultipart(c.req.raw));
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    return c.json(await importFile(bytes));
  });
  return app;
}

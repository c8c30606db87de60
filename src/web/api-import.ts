/** Importing a workbook or pasted text from the page (POST /api/import), loaded with the form list. */
import type { FormInput } from '../core/index.js';
import type { ImportReport } from '../io/import/report.js';
import { ApiError, errorOf } from './api-client.js';
import { csrfHeaders } from './session-state.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Imports a chosen file or pasted text: POST /api/import; nothing is stored. */
export async function importForm(source: File | string): Promise<{ form: FormInput; report: ImportReport }> {
  const isText = typeof source === 'string';
  const type = isText
    ? 'text/plain; charset=utf-8'
    : /\.xlsx$/i.test(source.name)
      ? XLSX_TYPE
      : 'application/octet-stream';
  let response: Response;
  try {
    response = await fetch('/api/import', {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': type, ...csrfHeaders() },
      body: source,
    });
  } catch {
    throw new ApiError(0, 'network_error', '无法连接服务，请检查服务是否在运行');
  }
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as { form: FormInput; report: ImportReport };
}

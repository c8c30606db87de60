/**
 * Reads a form file for the CLI with one-line Chinese errors: missing file, not JSON, not a form.
 */
import { createReadStream } from 'node:fs';
import { parseForm, ZipingError, type Form } from '../core/index.js';
import { readCapped, readStdin } from './read-input.js';

/** Loads and validates a form from disk (`-` reads standard input), at most MAX_CLI_INPUT_BYTES of it. */
export async function readFormFile(path: string): Promise<Form> {
  let text: string;
  try {
    text = path === '-' ? await readStdin() : await readCapped(createReadStream(path), `文件 ${path} `);
  } catch (error) {
    if (error instanceof ZipingError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ZipingError(
      'invalid_request',
      code === 'ENOENT' ? `找不到文件：${path}` : `无法读取文件 ${path}（${code ?? '未知错误'}）`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ZipingError('invalid_json', `${path} 不是有效的 JSON：${(error as Error).message.split('\n')[0]}`);
  }
  return parseForm(data);
}

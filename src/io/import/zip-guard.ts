/**
 * Scans an .xlsx zip with fflate's streaming Unzip before any spreadsheet parser sees it: counts
 * entries, inflated bytes and worksheet rows, and stops at the first limit crossed — a zip bomb
 * is refused after inflating at most `maxInflatedBytes` (engineering-notes.md: no xlsx library
 * limits inflation by itself; a 313 KB file inflating to 300 MB cost 0.7–1.3 GB).
 */
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { ZipingError } from '../../core/errors.js';
import { IMPORT_LIMITS } from './limits.js';

export interface ZipScan {
  entries: string[];
  inflatedBytes: number;
  /** Rows counted in each worksheet's XML. */
  rows: Map<string, number>;
}

type Limits = Pick<typeof IMPORT_LIMITS, 'maxZipEntries' | 'maxInflatedBytes' | 'maxRows'>;

const LT = 0x3c;
const COLON = 0x3a;
const SPACE = 0x20;
const GT = 0x3e;
const ROW = [0x72, 0x6f, 0x77]; // "row"

/** Counts `<row ` / `<row>` (and `<x:row `) in a chunk; `tail` carries the last bytes across chunks. */
function countRows(chunk: Uint8Array, tail: Uint8Array): { count: number; tail: Uint8Array } {
  const bytes = new Uint8Array(tail.length + chunk.length);
  bytes.set(tail);
  bytes.set(chunk, tail.length);
  let count = 0;
  for (let i = 1; i + 3 < bytes.length; i++) {
    if (bytes[i] !== ROW[0] || bytes[i + 1] !== ROW[1] || bytes[i + 2] !== ROW[2]) continue;
    const before = bytes[i - 1];
    const after = bytes[i + 3];
    if ((before === LT || before === COLON) && (after === SPACE || after === GT)) count++;
  }
  return { count, tail: bytes.slice(Math.max(0, bytes.length - 4)) };
}

function tooLarge(message: string, details: Record<string, unknown>): ZipingError {
  return new ZipingError('import_limit_exceeded', message, { details });
}

/** Scans the zip or throws `import_limit_exceeded` / `import_unreadable`. */
export function scanZip(bytes: Uint8Array, limits: Limits = IMPORT_LIMITS): ZipScan {
  const scan: ZipScan = { entries: [], inflatedBytes: 0, rows: new Map() };
  let failure: ZipingError | null = null;
  const unzip = new Unzip((file: UnzipFile) => {
    if (failure) return file.terminate();
    scan.entries.push(file.name);
    if (scan.entries.length > limits.maxZipEntries) {
      failure = tooLarge(`工作簿内文件过多（超过 ${limits.maxZipEntries} 个），不是正常的自评表`, {
        limit: limits.maxZipEntries,
      });
      return file.terminate();
    }
    const isSheet = /^xl\/worksheets\/[^/]{1,200}\.xml$/.test(file.name);
    let tail: Uint8Array = new Uint8Array(0);
    file.ondata = (error, chunk) => {
      if (failure) return;
      if (error) {
        failure = new ZipingError('import_unreadable', `工作簿已损坏，无法解压：${file.name}`);
        return;
      }
      scan.inflatedBytes += chunk.length;
      if (scan.inflatedBytes > limits.maxInflatedBytes) {
        const limitBytes = limits.maxInflatedBytes;
        failure = tooLarge(`工作簿解压后超过 ${limitBytes} 字节（疑似压缩炸弹），已拒绝`, { limitBytes });
        return file.terminate();
      }
      if (!isSheet) return;
      const counted = countRows(chunk, tail);
      tail = counted.tail;
      const rows = (scan.rows.get(file.name) ?? 0) + counted.count;
      scan.rows.set(file.name, rows);
      if (rows > limits.maxRows) {
        failure = tooLarge(`工作表 ${file.name} 超过 ${limits.maxRows} 行，自评表不会这么长，已拒绝`, {
          limit: limits.maxRows,
        });
        file.terminate();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(bytes, true);
  } catch (error) {
    if (!failure)
      failure = new ZipingError('import_unreadable', `工作簿已损坏，无法解压（${(error as Error).message}）`);
  }
  if (failure) throw failure;
  return scan;
}

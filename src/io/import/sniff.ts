/**
 * What kind of file arrived, from its first bytes (never from its name alone): an .xlsx zip, a
 * password-protected workbook or an old .xls (both OLE compound files), a PDF, or text.
 */
import { ZipingError } from '../../core/errors.js';
import { IMPORT_LIMITS } from './limits.js';

export type FileKind = 'xlsx' | 'text';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** True when the compound file holds an `EncryptionInfo` stream (an encrypted .xlsx, not an .xls). */
function hasEncryptionInfo(bytes: Uint8Array): boolean {
  const name = [...'EncryptionInfo'].flatMap((ch) => [ch.charCodeAt(0), 0]);
  const limit = Math.min(bytes.length, 1024 * 1024);
  outer: for (let i = 0; i + name.length <= limit; i++) {
    for (let j = 0; j < name.length; j++) if (bytes[i + j] !== name[j]) continue outer;
    return true;
  }
  return false;
}

/** The kind of an uploaded file, or a clear error for what cannot be imported. */
export function sniffFile(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) throw new ZipingError('import_unreadable', '文件是空的');
  if (bytes.length > IMPORT_LIMITS.maxFileBytes) {
    throw new ZipingError('import_limit_exceeded', `文件超过 ${IMPORT_LIMITS.maxFileBytes} 字节的导入上限`, {
      details: { limitBytes: IMPORT_LIMITS.maxFileBytes },
    });
  }
  if (startsWith(bytes, ZIP)) return 'xlsx';
  if (startsWith(bytes, CFB)) {
    if (hasEncryptionInfo(bytes)) {
      throw new ZipingError('encrypted_workbook', '工作簿设有打开密码：请在 Excel 中取消密码，另存为 .xlsx 后再导入');
    }
    throw new ZipingError('legacy_xls', '这是旧版 .xls 文件：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入');
  }
  if (startsWith(bytes, PDF)) {
    throw new ZipingError('unsupported_file_type', '不支持 PDF：请打开 PDF，复制表格文字后用“粘贴文本”导入');
  }
  return 'text';
}

/** Decodes a text upload: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0))
    throw new ZipingError('unsupported_file_type', '无法识别的文件类型：请上传 .xlsx 工作簿或文本');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw new ZipingError('unsupported_file_type', '无法识别的文件类型：既不是 .xlsx，也不是 UTF-8 或 GBK 文本');
    }
  }
}

/**
 * Hostile files are refused with a stable code before any spreadsheet parser sees them, within
 * the documented limits (IMPORT_LIMITS): a zip bomb, 50,000 rows, too many entries, wrong types,
 * password-protected workbooks and old .xls files.
 */
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { STATUS_OF_CODE } from '../../src/app/error-status.js';
import { ZipingError } from '../../src/core/errors.js';
import { IMPORT_LIMITS, importFile } from '../../src/io/import/index.js';

async function refusal(bytes: Uint8Array): Promise<ZipingError> {
  try {
    await importFile(bytes);
  } catch (error) {
    if (error instanceof ZipingError) return error;
    throw error;
  }
  throw new Error('import did not refuse the file');
}

const CONTENT_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

function sheetXml(rows: number): string {
  const parts = [
    '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  ];
  for (let r = 1; r <= rows; r++) parts.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>x</t></is></c></row>`);
  parts.push('</sheetData></worksheet>');
  return parts.join('');
}

describe('hostile workbooks', () => {
  it('refuses a zip bomb after inflating no more than the cap', async () => {
    const bomb = zipSync(
      {
        '[Content_Types].xml': strToU8(CONTENT_TYPES),
        'xl/workbook.xml': strToU8('<workbook/>'),
        'xl/worksheets/sheet1.xml': new Uint8Array(IMPORT_LIMITS.maxInflatedBytes + 1024 * 1024),
      },
      { level: 9 },
    );
    expect(bomb.length).toBeLessThan(200 * 1024);
    const error = await refusal(bomb);
    expect(error.code).toBe('import_limit_exceeded');
    expect(STATUS_OF_CODE[error.code]).toBe(413);
    expect(error.message).toMatch(/压缩炸弹/);
  });

  it('refuses a sheet of 50,000 rows before parsing it', async () => {
    const big = zipSync({
      '[Content_Types].xml': strToU8(CONTENT_TYPES),
      'xl/workbook.xml': strToU8('<workbook/>'),
      'xl/worksheets/sheet1.xml': strToU8(sheetXml(50_000)),
    });
    const error = await refusal(big);
    expect(error.code).toBe('import_limit_exceeded');
    expect(error.message).toContain(`超过 ${IMPORT_LIMITS.maxRows} 行`);
  });

  it('refuses a zip with too many entries', async () => {
    const files: Record<string, Uint8Array> = { 'xl/workbook.xml': strToU8('<workbook/>') };
    for (let i = 0; i <= IMPORT_LIMITS.maxZipEntries; i++) files[`xl/media/${i}.bin`] = new Uint8Array(1);
    expect((await refusal(zipSync(files))).code).toBe('import_limit_exceeded');
  });

  it.each([
    [
      'a .docx (zip without a workbook)',
      zipSync({ 'word/document.xml': strToU8('<w:document/>') }),
      'unsupported_file_type',
      /不是 \.xlsx/,
    ],
    ['a PDF', strToU8('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'unsupported_file_type', /PDF/],
    [
      'a PNG',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      'unsupported_file_type',
      /无法识别/,
    ],
    ['an old .xls', cfb(false), 'legacy_xls', /另存为” \.xlsx/],
    ['a password-protected .xlsx', cfb(true), 'encrypted_workbook', /密码/],
    ['an empty file', new Uint8Array(0), 'import_unreadable', /空/],
    [
      'a truncated zip',
      zipSync({ 'xl/workbook.xml': strToU8('<workbook/>'.repeat(100)) }).slice(0, 60),
      'import_unreadable',
      /损坏|无法/,
    ],
  ])('refuses %s with a clear error', async (_name, bytes, code, message) => {
    const error = await refusal(bytes);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('refuses a file over the byte limit', async () => {
    const error = await refusal(new Uint8Array(IMPORT_LIMITS.maxFileBytes + 1).fill(0x41));
    expect(error.code).toBe('import_limit_exceeded');
  });
});

/** An OLE compound file: an encrypted .xlsx has an EncryptionInfo stream, an .xls a Workbook one. */
function cfb(encrypted: boolean): Uint8Array {
  const bytes = new Uint8Array(4096);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const name = encrypted ? 'EncryptionInfo' : 'Workbook';
  [...name].forEach((ch, i) => {
    bytes[1024 + i * 2] = ch.charCodeAt(0);
  });
  return bytes;
}

describe('hostile text', () => {
  it('refuses 50,000 lines and text over the character limit', async () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => `指标${i}\t1\t1`).join('\n');
    expect((await refusal(new TextEncoder().encode(lines))).code).toBe('import_limit_exceeded');
    const long = '项目名称 '.repeat(IMPORT_LIMITS.maxTextChars / 5 + 1);
    expect((await refusal(new TextEncoder().encode(long))).message).toContain(`${IMPORT_LIMITS.maxTextChars} 个字符`);
  });

  it('reads UTF-16 text with a BOM as well as UTF-8', async () => {
    const text =
      '2022年度项目支出绩效自评表\n项目名称 测试\n一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n产出指标 数量指标 培训 ≥1次 1次 50 50\n';
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer),
    ]);
    const { form } = await importFile(utf16);
    expect(form.indicators[0]).toMatchObject({ name: '培训', target: '≥1次', actual: '1次', weight: 50, score: 50 });
  });
});

describe('sparse sheets', () => {
  it('a cell at row 999,995 is one row, not a million', async () => {
    const { buildWorkbook } = await import('./build-workbook.js');
    const rows: (string | number | null)[][] = [
      ['2022年度项目支出绩效自评表'],
      ['项目名称', '稀疏表'],
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
      ['产出指标', '数量指标', '培训', '≥1次', '1次', 50, 50],
    ];
    const bytes = await buildWorkbook([
      { name: 'S', rows: [...rows, ...Array<null[]>(999_990).fill([]), ['填报人：张三']] },
    ]);
    const { form, report } = await importFile(bytes);
    expect(form.indicators).toHaveLength(1);
    expect(report.skipped.at(-1)).toMatchObject({ from: 'S!A999995', why: expect.stringMatching(/表尾/) });
  });
});

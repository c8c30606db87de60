import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocxXml, readSheetXml } from '../support/ooxml.js';
import { ziping } from '../support/cli.js';
import { SEED_PATH } from '../support/seed.js';

describe('ziping export (the real command)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ziping-export-'));

  it('writes the seed as .xlsx and .docx in one run', async () => {
    const xlsx = join(dir, '自评表.xlsx');
    const docx = join(dir, '自评.docx');
    const { code, stdout } = await ziping('export', SEED_PATH, '--xlsx', xlsx, '--docx', docx);
    expect(code).toBe(0);
    expect(stdout).toContain(`已导出 ${xlsx}`);
    const sheet = readSheetXml(new Uint8Array(readFileSync(xlsx)));
    expect([sheet.cells.get('C3')?.value, sheet.cells.get('I29')?.value]).toEqual(['北京智源人工智能研究院建设', 89]);
    const doc = readDocxXml(new Uint8Array(readFileSync(docx)));
    expect(doc.tables).toHaveLength(1);
    expect(doc.paragraphs).toContain('五、自评结论');
  });

  it('--parts report writes the 自评报告 alone', async () => {
    const docx = join(dir, 'report.docx');
    expect((await ziping('export', SEED_PATH, '--docx', docx, '--parts', 'report')).code).toBe(0);
    const doc = readDocxXml(new Uint8Array(readFileSync(docx)));
    expect(doc.tables).toEqual([]);
    expect(doc.paragraphs[0]).toBe('北京智源人工智能研究院建设2022年度项目支出绩效自评报告');
  });

  it.each([
    [['export', SEED_PATH], 64, /用法：ziping export FILE/, 'stdout'],
    [['export', SEED_PATH, '--docx', '/tmp/x.docx', '--parts', 'all'], 64, /--parts 应为 both/, 'stderr'],
    [
      ['export', SEED_PATH, '--xlsx', '/nonexistent-dir/a.xlsx'],
      64,
      /无法写入 \/nonexistent-dir\/a\.xlsx（ENOENT）/,
      'stderr',
    ],
  ] as const)('%j exits %i with a clear line', async (args, code, message, stream) => {
    const result = await ziping(...args);
    expect(result.code).toBe(code);
    expect(result[stream]).toMatch(message);
    expect(result.stderr).not.toMatch(/at .+\.ts:\d+/);
  });
});

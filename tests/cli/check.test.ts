import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ziping } from '../support/cli.js';
import { SEED_PATH } from '../support/seed.js';

/** The seed with row 5's 偏差原因 cell replaced, written to a temp file. */
function seedWith(deviation: string): string {
  const form = JSON.parse(readFileSync(SEED_PATH, 'utf8'));
  form.indicators[5].deviation = deviation;
  const file = join(mkdtempSync(join(tmpdir(), 'ziping-check-')), 'form.json');
  writeFileSync(file, JSON.stringify(form));
  return file;
}

const CAP =
  '该指标为反向指标，年度指标值为≤10人，实际为20人，超出上限10人，偏差率100%。偏差原因：新增青年学者入选。改进措施：今后将科学合理设定绩效指标值。';

describe('ziping check (the real command)', () => {
  it.each([
    ['a wrong deviation rate', CAP.replace('偏差率100%', '偏差率200%'), 'wrong_figure', '200%'],
    [
      'target and actual swapped',
      CAP.replace('年度指标值为≤10人，实际为20人', '年度指标值为≤20人，实际为10人'),
      'swapped',
      '20人',
    ],
    ['20人 written as 20万元', CAP.replace('实际为20人', '实际为20万元'), 'unit_mismatch', '20万元'],
    [
      'a left placeholder',
      CAP.replace('新增青年学者入选', '〔待补充：偏差原因〕'),
      'placeholder_left',
      '〔待补充：偏差原因〕',
    ],
  ])('lists %s with its path, span and code, and --strict exits 2', async (_, text, code, excerpt) => {
    const file = seedWith(text);
    const at = text.indexOf(excerpt);
    const span = `[${at}–${at + excerpt.length}]`;
    const plain = await ziping('check', file);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain(`✗ 第6行 偏差原因分析及改进措施（indicators.5.deviation） ${span} ${code}：`);
    expect((await ziping('check', file, '--strict')).code).toBe(2);
  });

  it('--json gives each finding with path, span, severity and excerpt', async () => {
    const { code, stdout } = await ziping('check', seedWith(CAP.replace('偏差率100%', '偏差率50%')), '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ profile: 'mof-2020', cells: 5 });
    expect(result.findings).toContainEqual({
      path: 'indicators.5.deviation',
      code: 'wrong_figure',
      severity: 'error',
      span: [38, 41],
      excerpt: '50%',
      message: '“50%”与表中数据不符：第6行·偏差率为100%（按表计算，允许按所写位数四舍五入）',
    });
  });

  it('passes a correct cell written in Chinese numerals', async () => {
    const file = seedWith(
      '年度指标值为不超过十人，实际为二十人，超出上限十人，偏差率百分之百。偏差原因：新增青年学者入选。后续将科学设定指标值。',
    );
    const { code, stdout } = await ziping('check', file, '--json', '--strict');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).findings.filter((f: { path: string }) => f.path === 'indicators.5.deviation')).toEqual(
      [],
    );
  });

  it('explains its usage without a file', async () => {
    const { code, stdout } = await ziping('check');
    expect(code).toBe(64);
    expect(stdout).toContain('ziping check FILE');
  });
});

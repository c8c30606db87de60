import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ziping } from '../support/cli.js';
import { SEED_PATH } from '../support/seed.js';

describe('ziping score (the real command, as a user runs it)', () => {
  it('prints the seed table with the total, the grade and the issues', async () => {
    const { code, stdout } = await ziping('score', SEED_PATH);
    expect(code).toBe(0);
    expect(stdout).toContain('北京智源人工智能研究院建设（2022年度）');
    expect(stdout).toMatch(/支持智源学者\s+≤10人\s+20人\s+3\s+3\s+1\.5\s+1\.5\s+需说明/);
    expect(stdout).toContain('核定总分 87.50  自评总分 89.00  等级 良');
    // Row 6 of the table is 第6行 in the issue too; the path after it counts from 0 (form-format.md)
    expect(stdout).toMatch(/\n\s*6\s+支持智源学者/);
    expect(stdout).toContain('[错误] 第6行 得分（indicators.5.score）  自评得分3分高于规则得分1.50分，且未说明理由');
  });

  it('--json prints the score report of form-format.md §2', async () => {
    const { code, stdout } = await ziping('score', SEED_PATH, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ profile: 'mof-2020', total: 87.5, selfTotal: 89, grade: '良' });
    expect(report.indicators).toHaveLength(15);
  });

  it('--profile changes the rules', async () => {
    const { stdout } = await ziping('score', SEED_PATH, '--json', '--profile', 'guangxi');
    const report = JSON.parse(stdout);
    expect(report.profile).toBe('guangxi');
    // guangxi uses pmkpi's reverse formula: 3 × (1 − (20−10)/10) = 0
    expect(report.indicators[5].ruleScore).toBe(0);
  });

  it('--strict exits 2 when the form has errors', async () => {
    expect((await ziping('score', SEED_PATH, '--strict')).code).toBe(2);
  });

  describe('bad input gets one clear line, never a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ziping-cli-'));
    const file = (name: string, text: string) => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    };

    it.each([
      ['a file that is not there', () => join(dir, 'missing.json'), 64, /找不到文件/],
      ['a file that is not JSON', () => file('bad.json', '{ year: 2022'), 1, /不是有效的 JSON/],
      ['JSON that is not a form', () => file('array.json', '[1, 2]'), 1, /这不是一张自评表/],
      [
        'a form with a bad field',
        () =>
          file(
            'neg.json',
            JSON.stringify({
              year: 2022,
              project: { name: 'x' },
              indicators: [{ level1: '产出指标', name: 'a', weight: -1 }],
            }),
          ),
        1,
        /第1行 分值（indicators\.0\.weight）：分值必须是非负数/,
      ],
      ['an unknown profile', () => SEED_PATH, 1, /未知的规则口径“nowhere”/],
    ])('%s', async (_what, path, exitCode, message) => {
      const args = ['score', path()];
      if (String(message).includes('nowhere')) args.push('--profile', 'nowhere');
      const { code, stderr, stdout } = await ziping(...args);
      expect(code).toBe(exitCode);
      expect(stderr).toMatch(message);
      expect(stderr + stdout).not.toMatch(/\n\s+at /);
    });
  });
});

describe('ziping profiles', () => {
  it('lists every profile with its differences', async () => {
    const { code, stdout } = await ziping('profiles');
    expect(code).toBe(0);
    expect(stdout).toMatch(/hubei\s+湖北省口径\s+20/);
    expect(stdout).toMatch(/beijing.*待核实/);
  });
});

describe('ziping draft (built-in drafter, no model configured)', () => {
  it('drafts every cell the seed needs, with placeholders where it gives no cause', async () => {
    const { code, stdout } = await ziping('draft', SEED_PATH);
    expect(code).toBe(0);
    expect(stdout).toContain('【实际完成情况（goals.actual）】（内置起草器');
    expect(stdout).toContain('预算执行率100%');
    for (const row of [4, 5, 6])
      expect(stdout).toContain(`【第${row + 1}行 偏差原因分析及改进措施（indicators.${row}.deviation）】`);
    expect(stdout).toContain('〔待补充：超出上限的原因〕');
  });

  it('--field --json drafts one cell as JSON', async () => {
    const { code, stdout } = await ziping('draft', SEED_PATH, '--field', 'indicators.5.deviation', '--json');
    expect(code).toBe(0);
    const [item] = JSON.parse(stdout);
    expect(item).toMatchObject({
      path: 'indicators.5.deviation',
      ok: true,
      result: { drafter: 'builtin', checks: { ok: true } },
    });
  });

  it('names the cells it accepts when --field is wrong', async () => {
    const { code, stderr } = await ziping('draft', SEED_PATH, '--field', 'indicators.40.deviation');
    expect(code).toBe(64);
    expect(stderr).toContain('本表共 15 行');
  });
});

describe('ziping import (the real command)', () => {
  const RAW = new URL('../../../shared/fixtures/forms/01_raw.txt', import.meta.url).pathname;

  it('prints a summary of the form and its import report', async () => {
    const { code, stdout } = await ziping('import', RAW);
    expect(code).toBe(0);
    expect(stdout).toContain('义务教育营养改善计划专项资金（2022年度）\n文本，版式：flowing-text；读取 ');
    expect(stdout).toContain('1. 产出指标/数量指标 学生受资助人数  ≧735人次 → 735  分值 10 得分 10');
  });

  it('--json prints { form, report }', async () => {
    const { code, stdout } = await ziping('import', RAW, '--json');
    expect(code).toBe(0);
    const { form, report } = JSON.parse(stdout);
    expect(form.selfTotal).toBe(96);
    expect(report.inferred.some((e: { path: string }) => e.path === 'indicators.0.target')).toBe(true);
  });

  it('refuses an .xls with the advice to save as .xlsx', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ziping-import-'));
    const file = join(dir, 'old.xls');
    writeFileSync(file, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    const { code, stderr } = await ziping('import', file);
    expect(code).toBe(1);
    expect(stderr).toContain('另存为” .xlsx');
  });
});

/**
 * What a finance reviewer would send back, read off the built-in drafter's output for the seed,
 * every real form of shared/fixtures/forms, and variants (部门整体, garbage cells, overspending):
 * residue of the cells' notation, contradictions, missing parts, one measure pasted into every
 * row, a total that contradicts the form, the person's own cause and measure thrown away.
 */
import { describe, expect, it } from 'vitest';
import { parseForm, scoreForm, type Form, type FormInput, type NarrativePath } from '../../src/core/index.js';
import { humanText } from '../../src/drafting/cell-text.js';
import { rowFacts } from '../../src/drafting/context.js';
import { createBuiltinDrafter, type DraftResult } from '../../src/drafting/index.js';
import { humanParts, partKept } from '../../src/drafting/kept-parts.js';
import { fixtureForm, fixtureIds } from '../support/fixture-form.js';
import { outcomesInput, repoPrompts, seedInput } from './helpers.js';

const drafter = createBuiltinDrafter({ prompts: repoPrompts() });

/** Notation of the cells that must not reach prose (issue #13). */
const RESIDUE = /★|☆|指标\s{0,2}\d{1,3}\s{0,2}[:：]|\*\*|>=|<=|≧|≦|═|\{\{|undefined|null|NaN|\(≥|（≥\*/;
const FIX_TEXT = /^(?:该指标得[0-9.]{1,6}分（分值[0-9.]{1,6}分）。)?〔待核实：/;

interface Drafted {
  path: NarrativePath;
  result: DraftResult;
}

/** Every narrative cell the built-in drafter writes for a form: goals.actual and each row that needs text. */
async function draftAll(form: Form): Promise<Drafted[]> {
  const report = scoreForm(form);
  const paths: NarrativePath[] = ['goals.actual'];
  form.indicators.forEach((_, i) => {
    if (rowFacts(form, report, i).needsText) paths.push(`indicators.${i}.deviation`);
  });
  const out: Drafted[] = [];
  for (const path of paths) out.push({ path, result: await drafter.draft({ form, report, path }) });
  return out;
}

const measureOf = (text: string) => /改进措施：([^。]{1,300})/.exec(text)?.[1] ?? null;

const forms: [string, () => Form][] = [
  ['seed', () => parseForm(seedInput())],
  ['outcomes', () => parseForm(outcomesInput())],
  ...fixtureIds().map((id) => [`fixture ${id}`, () => fixtureForm(id)] as [string, () => Form]),
];

describe.each(forms)('built-in drafts of %s', (_name, load) => {
  const form = load();
  const drafts = draftAll(form);

  it('pass their own checks and carry no residue of the cells’ notation', async () => {
    for (const { path, result } of await drafts) {
      expect({ path, issues: result.checks.issues }).toEqual({ path, issues: [] });
      expect({ path, residue: RESIDUE.exec(result.text)?.[0] ?? null }).toEqual({ path, residue: null });
      expect(result.text).not.toMatch(/我们|咱|本人/);
    }
  });

  it('have no contradictions: no 达成 next to 未完全达成, a total only as the form states it', async () => {
    for (const { result } of await drafts) {
      expect(/自评为“达成”/.test(result.text) && /未完全达成/.test(result.text)).toBe(false);
      for (const m of result.text.matchAll(/总分([0-9.]{1,8})分/g)) {
        expect(Number(m[1])).toBe(form.selfTotal);
        expect(Number(m[1])).toBeLessThanOrEqual(100);
      }
    }
  });

  it('have every part: facts, cause (or placeholder) and measure; funding and execution in 实际完成情况', async () => {
    for (const { path, result } of await drafts) {
      if (path === 'goals.actual') {
        expect(result.text).toMatch(/全年执行.{1,30}预算执行率/);
        continue;
      }
      if (FIX_TEXT.test(result.text)) {
        expect(result.notice).toMatch(/请核实后重填/);
        continue;
      }
      if (result.text === '无') continue;
      expect({ path, cause: /偏差原因：./.test(result.text) }).toEqual({ path, cause: true });
      expect({ path, measure: measureOf(result.text) !== null }).toEqual({ path, measure: true });
    }
  });

  it('fit the measure to each row: no measure pasted into two rows', async () => {
    const measures = (await drafts).map((d) => measureOf(d.result.text)).filter((m): m is string => m !== null);
    expect(new Set(measures).size).toBe(measures.length);
  });

  it('keep the cause and measure a person already wrote in the cell', async () => {
    for (const { path, result } of await drafts) {
      if (path === 'goals.actual') continue;
      const own = humanText(form.indicators[Number(path.split('.')[1])]!.deviation);
      if (!own || FIX_TEXT.test(result.text)) continue;
      for (const part of humanParts(own)) {
        expect({ path, part: part.text, kept: partKept(part, result.text) }).toEqual({
          path,
          part: part.text,
          kept: true,
        });
      }
    }
  });

  it('summarise 实际完成情况 by group rather than list every row', async () => {
    const goals = (await drafts).find((d) => d.path === 'goals.actual')!.result.text;
    for (const m of goals.matchAll(/(?:产出|效益|满意度)方面，([^。]{1,2000})。/g)) {
      // at most six figures, one item of deadline rows and one of qualitative rows per group
      expect(m[1]!.split('；').length).toBeLessThanOrEqual(8);
    }
  });
});

/** The seed with one change, scored. */
function variant(change: (input: FormInput) => void): Form {
  const input = seedInput();
  change(input);
  return parseForm(input);
}

describe('built-in drafts of special cases', () => {
  it.each([
    [
      'a 部门整体 form speaks of the unit’s whole spending',
      (i: FormInput) => {
        i.formType = 'department';
      },
      /^本单位2022年度部门整体支出全年预算/,
      /本项目/,
    ],
    [
      'execution above 100% is explained (or a placeholder asks why)',
      (i: FormInput) => {
        i.funding!.total!.executed = 21000;
      },
      /全年执行数超过全年预算数，原因：〔待补充：超预算执行的原因/,
      /本项目总分/,
    ],
    [
      'a total above 100 is never written',
      (i: FormInput) => {
        i.selfTotal = 110;
      },
      /预算执行率100%。/,
      /总分/,
    ],
  ] as const)('%s', async (_name, change, present, absent) => {
    const form = variant(change);
    const r = await drafter.draft({ form, report: scoreForm(form), path: 'goals.actual' });
    expect(r.text).toMatch(present);
    expect(r.text).not.toMatch(absent);
  });

  it.each([
    ['≥**人', '25人', 'target'],
    ['≥20人', '5=50%', 'actual'],
  ] as const)(
    'flags the garbage cell %s / %s as a cell to fix, never drafts it as fact',
    async (target, actual, field) => {
      const form = variant((i) => {
        i.indicators[5]!.target = target;
        i.indicators[5]!.actual = actual;
      });
      const report = scoreForm(form);
      const row = await drafter.draft({ form, report, path: 'indicators.5.deviation' });
      expect(row.text).toMatch(FIX_TEXT);
      expect(row.notice).toMatch(
        new RegExp(
          `第6行${field === 'target' ? '年度指标值' : '实际完成值'}“${field === 'target' ? '≥\\*\\*人' : '5=50%'}”`,
        ),
      );
      const goals = await drafter.draft({ form, report, path: 'goals.actual' });
      expect(goals.text).not.toContain(field === 'target' ? '**' : '5=50%');
      expect(goals.text).toContain('〔待核实：支持智源学者');
    },
  );

  it('carries the unit printed in the name onto bare figures (带动贫困户(人) style)', async () => {
    const form = variant((i) => {
      i.indicators[5]!.name = '支持智源学者(人)';
      i.indicators[5]!.target = '≤10';
      i.indicators[5]!.actual = '20';
    });
    const report = scoreForm(form);
    const row = await drafter.draft({ form, report, path: 'indicators.5.deviation' });
    expect(row.text).toMatch(/^该指标为反向指标，年度指标值为≤10人，实际为20人，超出上限10人/);
    expect(row.checks.ok).toBe(true);
  });

  it('explains low execution with the reason the form gives (执行率偏低原因)', async () => {
    const form = variant((i) => {
      i.funding!.total!.executed = 19000;
      i.funding!.reason = '部分设备采购尾款跨年支付';
    });
    const r = await drafter.draft({ form, report: scoreForm(form), path: 'goals.actual' });
    expect(r.text).toContain('资金未全部执行，主要原因：部分设备采购尾款跨年支付。');
    expect(r.checks.ok).toBe(true);
  });

  it('explains low execution with the person’s own words where a money row gives them (廊坊)', async () => {
    const form = fixtureForm('09');
    const r = await drafter.draft({ form, report: scoreForm(form), path: 'goals.actual' });
    expect(r.text).toContain(
      '预算执行率86.2%。资金未全部执行，主要原因：已完工，剩余3%尾款未付，且最高限价低于预算金额。',
    );
    const row = await drafter.draft({ form, report: scoreForm(form), path: 'indicators.0.deviation' });
    expect(row.text).toBe(
      '该指标年度指标值为43.2，实际完成37.24，完成率86.2%，偏差率13.8%。偏差原因：已完工，剩余3%尾款未付，且最高限价低于预算金额。改进措施：提高预算准确度。',
    );
  });

  it('cleans names and values and carries the target’s unit onto a bare actual (01, 07, 12)', async () => {
    const texts = await Promise.all(
      ['01', '07', '12'].map(async (id) => {
        const form = fixtureForm(id);
        return (await drafter.draft({ form, report: scoreForm(form), path: 'goals.actual' })).text;
      }),
    );
    expect(texts[0]).toContain('学生受资助人数735人次（指标值≥735人次）');
    expect(texts[0]).toContain('政策知晓率98%（指标值100%）');
    expect(texts[1]).toContain('委托业务报告合格率100%（指标值≥100%）');
    // 14 rows fell short: the count, then the six furthest from their targets with figures
    expect(texts[2]).toContain(
      '共14项指标未达到年度指标值，其中早孕建册数69人（指标值120人）、0-36月龄中医药规范管理数770人（指标值1228人）',
    );
    expect(texts[2]).toContain('发放健康教育资料14种（指标值不少于12种）');
  });
});

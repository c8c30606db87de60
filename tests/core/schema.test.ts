import { describe, expect, it } from 'vitest';
import { parseForm, ZipingError } from '../../src/core/index.js';
import { seedForm } from '../support/seed.js';

function issuesOf(data: unknown) {
  try {
    parseForm(data);
  } catch (error) {
    expect(error).toBeInstanceOf(ZipingError);
    return (error as ZipingError).issues ?? [];
  }
  throw new Error('expected the form to be refused');
}

describe('form schema errors name the field in Chinese with a stable code', () => {
  const valid = () => JSON.parse(JSON.stringify(seedForm()));

  it.each([
    [
      'indicators.3.weight',
      (f: any) => {
        f.indicators[3].weight = -1;
      },
      'too_small',
      '分值必须是非负数',
    ],
    [
      'indicators.0.score',
      (f: any) => {
        f.indicators[0].score = '五';
      },
      'invalid_type',
      '得分必须是数字',
    ],
    [
      'project.name',
      (f: any) => {
        f.project.name = '';
      },
      'required',
      '项目名称不能为空',
    ],
    [
      'year',
      (f: any) => {
        delete f.year;
      },
      'required',
      '缺少年度',
    ],
    [
      'funding.unit',
      (f: any) => {
        f.funding.unit = '美元';
      },
      'invalid_value',
      '金额单位只能是 万元 / 元',
    ],
    [
      'indicators.2.grade',
      (f: any) => {
        f.indicators[2].grade = '优秀';
      },
      'invalid_value',
      '达成等级只能是 达成 / 部分达成 / 未达成',
    ],
    [
      'funding.total.executed',
      (f: any) => {
        f.funding.total.executed = '20500';
      },
      'invalid_type',
      '全年执行数必须是数字',
    ],
    [
      'indicators',
      (f: any) => {
        delete f.indicators;
      },
      'required',
      '缺少绩效指标',
    ],
  ])('%s', (path, change, code, message) => {
    const form = valid();
    change(form);
    expect(issuesOf(form)).toContainEqual({ path, code, message });
  });

  it('lists every failing field, not just the first', () => {
    const form = valid();
    form.indicators[0].weight = -1;
    form.indicators[4].weight = 'x';
    form.year = '二〇二二';
    expect(
      issuesOf(form)
        .map((i) => i.path)
        .sort(),
    ).toEqual(['indicators.0.weight', 'indicators.4.weight', 'year']);
  });

  it.each([[null], [[]], ['form'], [42]])('refuses %j as not a form', (data) => {
    expect(issuesOf(data)).toEqual([{ path: '', code: 'invalid_type', message: '表单必须是 JSON 对象' }]);
  });

  it('accepts a department form and fills the defaults', () => {
    const form = parseForm({
      formType: 'department',
      year: 2023,
      project: { name: '某局部门整体支出' },
      indicators: [],
    });
    expect(form.formType).toBe('department');
    expect(parseForm({ year: 2023, project: { name: 'x' }, indicators: [] }).formType).toBe('project');
  });
});

/**
 * Shared fixtures of the drafting tests: the seed form scored by the real scorer, a small
 * form with one row per outcome, and the templates of prompts/.
 */
import { readFileSync } from 'node:fs';
import { parseForm, scoreForm, type Form, type FormInput, type ScoreReport } from '../../src/core/index.js';
import { loadPromptsFromDir } from '../../src/drafting/load-prompts-node.js';
import type { PromptSet } from '../../src/drafting/index.js';

export const SEED_PATH = new URL('../../../shared/seed/baai-2022.json', import.meta.url);

let prompts: PromptSet | undefined;
export function repoPrompts(): PromptSet {
  prompts ??= loadPromptsFromDir();
  return prompts;
}

export interface Scored {
  form: Form;
  report: ScoreReport;
}

export function scored(input: FormInput): Scored {
  const form = parseForm(input);
  return { form, report: scoreForm(form) };
}

export function seedInput(): FormInput {
  return JSON.parse(readFileSync(SEED_PATH, 'utf8')) as FormInput;
}

export function seed(): Scored {
  return scored(seedInput());
}

/** A small form with one row for each outcome a deviation text is conditioned on. */
export function outcomesInput(): FormInput {
  return {
    year: 2023,
    project: {
      name: '社区卫生服务能力提升项目',
      department: '某区卫生健康委员会',
      implementer: '某区社区卫生服务中心',
    },
    funding: {
      unit: '万元',
      weight: 10,
      total: { initial: 120, annual: 120, executed: 96, score: 8 },
      appropriation: { initial: 120, annual: 120, executed: 96 },
    },
    goals: {
      expected: '目标1:完成辖区居民健康档案更新；目标2:开展健康教育讲座；目标3:按期完成设备采购。',
      actual: '',
    },
    indicators: [
      {
        level1: '产出指标',
        level2: '数量指标',
        name: '居民健康档案更新数',
        target: '≥5000份',
        actual: '4000份',
        weight: 20,
        score: 16,
        deviation: '',
      },
      {
        level1: '产出指标',
        level2: '数量指标',
        name: '健康教育讲座',
        target: '≥10次',
        actual: '15次',
        weight: 10,
        score: 10,
        deviation: '',
      },
      {
        level1: '产出指标',
        level2: '时效指标',
        name: '设备采购完成时间',
        target: '2023年6月底前',
        actual: '2023年10月',
        weight: 10,
        score: 6,
        deviation: '',
      },
      {
        level1: '产出指标',
        level2: '成本指标',
        name: '单次讲座成本',
        target: '≤2万元',
        actual: '2.5万元',
        weight: 10,
        score: 8,
        deviation: '',
      },
      {
        level1: '效益指标',
        level2: '社会效益指标',
        name: '居民健康意识提升',
        target: '明显提升',
        actual: '有所提升',
        weight: 20,
        score: 14,
        grade: '部分达成',
        deviation: '',
      },
      {
        level1: '满意度指标',
        level2: '服务对象满意度指标',
        name: '居民满意度',
        target: '≥90%',
        actual: '95%',
        weight: 20,
        score: 20,
        deviation: '',
      },
    ],
  };
}

export function outcomes(): Scored {
  return scored(outcomesInput());
}

let modelFetch: typeof fetch | undefined;

/** Makes the model tests' drafters call the model through `f` (model-node-fetch.test.ts runs them again so). */
export function useModelFetch(f: typeof fetch): void {
  modelFetch = f;
}

/** The fetch the model tests' drafters use: the SDK's default (the global fetch) unless one was set. */
export function modelTestFetch(): { fetch?: typeof fetch } {
  return modelFetch ? { fetch: modelFetch } : {};
}

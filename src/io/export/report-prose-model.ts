/**
 * The 自评报告's prose, written by a configured model or built in, and checked either way: each
 * section the model writes (prompts/io/report-prose.md, from the built-in section and the form's
 * facts) is run through checkSection; one that fails — or that the model could not write — is
 * replaced by the built-in section, and the outcome says which and why. Without a model the
 * built-in prose is used and checked the same way.
 */
import type { CheckIssue } from '../../core/checks/narrative/index.js';
import type { Form, ScoreReport } from '../../core/index.js';
import type { TextModel } from '../../drafting/text-model.js';
import { jsonOf } from '../model-json.js';
import { fillTemplate } from '../templates.js';
import { checkSection } from './report-prose-check.js';
import { buildReportProse, type ProseSection, type ReportProse } from './report-prose.js';

export interface SectionOutcome {
  heading: string;
  /** Who wrote the section as exported. */
  by: 'builtin' | 'model';
  /** Findings of the checks on the exported text (empty when it passed). */
  issues: CheckIssue[];
  /** Why the model's section was replaced by the built-in one; null when it was not. */
  fallback: string | null;
}

export interface ProseOutcome {
  prose: ReportProse;
  /** The model asked, or null (built-in prose). */
  model: string | null;
  sections: SectionOutcome[];
}

/** Characters a paragraph may have, and the model's whole answer for a section. */
const MAX_PARAGRAPH_CHARS = 600;
const MAX_ANSWER_CHARS = 12_000;

function sectionData(form: Form, report: ScoreReport, section: ProseSection): string {
  return JSON.stringify({
    项目: form.project.name,
    年度: form.year,
    评价等级: report.grade,
    本节内置文字: section.parts.map((p) => ({ 小标题: p.heading ?? null, 段落: p.paragraphs })),
    输出格式: '只输出 JSON：{"parts":[["段落", …], …]}，parts 的个数与“本节内置文字”相同，小标题不写入段落',
  });
}

/** The model's paragraphs for each part of `builtin`, or an error message. */
function parseSection(answer: string, builtin: ProseSection): ProseSection | string {
  let parts: unknown;
  try {
    parts = (jsonOf(answer) as { parts?: unknown }).parts;
  } catch {
    return '模型的回答不是所要求的 JSON';
  }
  const ok =
    Array.isArray(parts) &&
    parts.length === builtin.parts.length &&
    parts.every((p) => Array.isArray(p) && p.length > 0 && p.every((s) => typeof s === 'string' && s.trim() !== ''));
  if (!ok) return '模型的回答与本节的结构不符';
  const paragraphs = parts as string[][];
  if (paragraphs.flat().some((p) => [...p].length > MAX_PARAGRAPH_CHARS))
    return `模型的段落超过${MAX_PARAGRAPH_CHARS}字`;
  return {
    heading: builtin.heading,
    parts: builtin.parts.map((p, i) => ({ ...p, paragraphs: paragraphs[i]!.map((s) => s.trim()) })),
  };
}

async function modelSection(
  builtin: ProseSection,
  form: Form,
  report: ScoreReport,
  model: TextModel,
  signal: AbortSignal | undefined,
): Promise<{ section: ProseSection; outcome: SectionOutcome }> {
  const fallback = (why: string) => ({
    section: builtin,
    outcome: {
      heading: builtin.heading,
      by: 'builtin' as const,
      issues: checkSection(builtin, builtin, form, report),
      fallback: why,
    },
  });
  let answer: string;
  try {
    const content = fillTemplate('report-prose', {
      heading: builtin.heading,
      maxChars: String(MAX_PARAGRAPH_CHARS),
      data: sectionData(form, report, builtin),
    });
    answer = await model.complete([{ role: 'user', content }], { signal, maxChars: MAX_ANSWER_CHARS });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    return fallback(`模型未能起草：${error instanceof Error ? error.message : String(error)}`);
  }
  const section = parseSection(answer, builtin);
  if (typeof section === 'string') return fallback(section);
  const issues = checkSection(section, builtin, form, report);
  if (issues.length > 0) return fallback(`核查未通过：${issues[0]!.message}`);
  return { section, outcome: { heading: builtin.heading, by: 'model', issues: [], fallback: null } };
}

/** The report's prose for export: the model's sections that pass the checks, the built-in ones otherwise. */
export async function writeReportProse(
  form: Form,
  report: ScoreReport,
  model?: TextModel | null,
  signal?: AbortSignal,
): Promise<ProseOutcome> {
  const builtin = buildReportProse(form, report);
  if (!model) {
    const sections = builtin.sections.map((s) => ({
      heading: s.heading,
      by: 'builtin' as const,
      issues: checkSection(s, s, form, report),
      fallback: null,
    }));
    return { prose: builtin, model: null, sections };
  }
  const written = await Promise.all(builtin.sections.map((s) => modelSection(s, form, report, model, signal)));
  return {
    prose: { ...builtin, sections: written.map((w) => w.section) },
    model: model.model,
    sections: written.map((w) => w.outcome),
  };
}

/** The outcome in one header value (ASCII): `builtin`, or `model=NAME` with the sections that fell back. */
export function proseHeader(outcome: ProseOutcome): string {
  const findings = outcome.sections.reduce((n, s) => n + s.issues.length, 0);
  if (!outcome.model) return `builtin; findings=${findings}`;
  const fell = outcome.sections.flatMap((s, i) => (s.fallback ? [String(i + 1)] : []));
  return `model=${encodeURIComponent(outcome.model)}; fallback=${fell.join(',') || 'none'}; findings=${findings}`;
}

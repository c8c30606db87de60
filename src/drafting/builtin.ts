/**
 * The built-in drafter: deterministic 公文 text from each template's `## 内置起草提纲` and the
 * scored data, no model needed. It is the default when no model is configured and the fallback
 * when the model fails. Revisions follow the quick actions (精简 / 更正式 / 补充改进措施 /
 * 控制在N字以内) and say honestly when a request is beyond them.
 */
import { ZipingError } from '../core/errors.js';
import { bundledPrompts } from './bundled.js';
import { checkWithFacts, factStated } from './checks.js';
import { withFacts, type CellFacts } from './context.js';
import { cellsToFix, cleanName, describeCellsToFix } from './cell-text.js';
import type { Detail } from './goals.js';
import { countChars, formatScore, hasPlaceholder } from './numbers.js';
import { renderTemplate, type PromptSet, type PromptTemplate } from './prompts.js';
import { parseQuickActions, type QuickActions } from './quick-actions.js';
import {
  compact,
  compactHarder,
  fitToLength,
  formalize,
  hasMeasure,
  normalizeText,
  splitSentences,
} from './text-tools.js';
import type { ChatMessage, Drafter, DraftRequest, DraftResult, DraftSink, ReviseRequest } from './types.js';
import type { TemplateVars } from './variables.js';
import { prepare, templateVars } from './vars.js';

export interface BuiltinDrafterOptions {
  /** Default: the templates bundled from prompts/. */
  prompts?: PromptSet;
}

/** Text for a row that needs none (full score, not over-achieved), as real forms write it. */
export const NO_DEVIATION_TEXT = '无';

/** A sentence is important when it states a required fact or holds a placeholder. */
export function importanceOf(facts: CellFacts): (sentence: string) => boolean {
  return (s) => hasPlaceholder(s) || facts.required.some((f) => factStated(f, s));
}

function emit(text: string, sink: DraftSink | undefined, signal: AbortSignal | undefined): void {
  for (const sentence of splitSentences(text)) {
    signal?.throwIfAborted();
    sink?.({ type: 'delta', text: sentence });
  }
}

/**
 * Fills an outline. A line that only held variables with no value disappears (instead of
 * becoming a paragraph break); blank lines of the outline itself stay paragraph breaks.
 */
export function renderOutline(outline: string, vars: TemplateVars): string {
  const lines = outline.split('\n').flatMap((line) => {
    const out = renderTemplate(line, vars);
    return line.trim() && !out.trim() ? [] : [out];
  });
  return normalizeText(lines.join('\n'));
}

/** The built-in text of a cell, fitted to its limit. */
export function builtinText(
  req: DraftRequest,
  prompts: PromptSet,
): { text: string; facts: CellFacts; template: PromptTemplate; notice?: string } {
  const { facts, template } = prepare(req, prompts);
  const toFix = facts.rowFacts ? cellsToFix(facts.rowFacts.indicator, facts.rowFacts.result) : [];
  if (facts.rowFacts && toFix.length) {
    const what = describeCellsToFix(facts.rowFacts.index, toFix);
    // the score is the scorer's, so it may be stated; the cells themselves are not quoted
    const r = facts.rowFacts.result;
    const scored =
      r && r.weight !== null ? `该指标得${formatScore(r.score)}分（分值${formatScore(r.weight)}分）。` : '';
    const hole = `〔待核实：${toFix.map((c) => c.label).join('、')}缺失或不完整，核实后再说明偏差原因及改进措施〕`;
    const text = fitToLength(`${scored}${hole}`, facts.maxChars);
    return { text, facts: withFacts(facts, { required: [] }), template, notice: `${what}；在此之前不起草偏差说明` };
  }
  if (!facts.needsText) {
    return {
      text: NO_DEVIATION_TEXT,
      facts: withFacts(facts, { required: [] }),
      template,
      notice: `第${facts.row! + 1}行已达到年度指标值且得满分，无需说明偏差，按惯例填“无”`,
    };
  }
  const render = (detail: Detail) =>
    renderOutline(template.sections.outline, templateVars(req.form, req.report, facts, template, detail));
  let text = render(2);
  if (facts.cell === 'goals') {
    for (const detail of [1, 0] as const) {
      if (countChars(text) <= facts.maxChars) break;
      text = render(detail);
    }
  }
  text = fitToLength(text, facts.maxChars, importanceOf(facts));
  return { text, facts, template };
}

/** Drops sentences that state no required fact, hold no placeholder and give no measure (not the first). */
function dropMinorSentences(text: string, important: (s: string) => boolean): string {
  const sentences = splitSentences(text);
  const kept = sentences.filter((s, i) => i === 0 || important(s) || hasMeasure(s));
  return normalizeText(kept.join(''));
}

export interface RevisionOutcome {
  text: string;
  /** What was done and what could not be, for the user. */
  notice?: string;
  /** True when at least one quick action was recognised. */
  understood: boolean;
}

/** The cause placeholder of a deviation text: `〔待补充：超额原因…〕`. */
const CAUSE_HOLE = /〔待补充[：:][^〔〕]{0,80}原因[^〔〕]{0,80}〕/;
const CAUSE_PART = /偏差原因[:：][^。]{0,300}。?/;
const MEASURE_PART = /改进措施[:：][^。]{0,300}。?/;

/** Puts a cause the user typed in the chat where the text has its placeholder or cause, else before the measure. */
export function withCause(text: string, cause: string): string {
  if (CAUSE_HOLE.test(text)) return normalizeText(text.replace(CAUSE_HOLE, cause));
  if (CAUSE_PART.test(text)) return normalizeText(text.replace(CAUSE_PART, `偏差原因：${cause}。`));
  const at = MEASURE_PART.exec(text);
  if (at) return normalizeText(`${text.slice(0, at.index)}偏差原因：${cause}。${text.slice(at.index)}`);
  return normalizeText(`${text.replace(/[，；、]$/, '')}${/[。！？]$/.test(text) ? '' : '。'}偏差原因：${cause}。`);
}

/** Puts a measure in place of the text's measure, or appends it. */
export function withMeasure(text: string, measure: string): string {
  if (MEASURE_PART.test(text)) return normalizeText(text.replace(MEASURE_PART, `改进措施：${measure}。`));
  return normalizeText(`${text.replace(/[，；、]$/, '')}${/[。！？]$/.test(text) ? '' : '。'}改进措施：${measure}。`);
}

/**
 * Shortens a deviation text by its wording only (filler words, labels, a redundant 完成率): the
 * facts, the cause and the measure stay. `fits` is false when even that is longer than `max`.
 */
export function fitFaithfully(text: string, max: number, rowName = ''): { text: string; fits: boolean } {
  if (countChars(text) <= max) return { text, fits: true };
  // in the row's own cell its name after 实际 says nothing new: 实际支持智源学者20人 → 实际20人
  const withoutName = (t: string) => (rowName.length >= 2 ? t.split(`实际${rowName}`).join('实际') : t);
  const steps = [compact, compactHarder, withoutName];
  let t = text;
  for (const step of steps) {
    t = step(t);
    if (countChars(t) <= max) return { text: t, fits: true };
  }
  return { text: t, fits: false };
}

/** A revision in progress: the text, what was done to it, what could not be. */
interface Revising {
  text: string;
  done: string[];
  notices: string[];
}

const CANNOT_REVISE = (message: string) =>
  `内置起草器无法按“${message.trim()}”修改，它只会：精简、更正式、补充改进措施、控制在N字以内，以及写入“补充原因：…”“补充措施：…”。其他修改请配置大模型（OPENAI_API_KEY、OPENAI_BASE_URL、ZIPING_MODEL）或直接手工编辑，文本未作改动`;

/** The cause and measure the user typed in the chat, and a measure when asked for one. */
function addParts(r: Revising, actions: QuickActions, facts: CellFacts, measure: string | undefined): void {
  const deviation = facts.cell === 'deviation';
  if (actions.cause && deviation) {
    r.text = withCause(r.text, actions.cause);
    r.done.push('写入对话中补充的原因');
  }
  if (actions.measure && deviation) {
    r.text = withMeasure(r.text, actions.measure);
    r.done.push('写入对话中补充的措施');
  }
  if (!actions.addMeasure) return;
  if (!deviation) r.notices.push('实际完成情况不写改进措施，未作补充');
  else if (hasMeasure(r.text)) r.notices.push('文本已有改进措施，未重复补充');
  else if (measure) {
    r.text = withMeasure(r.text, measure);
    r.done.push('补充改进措施');
  }
}

/** 更正式. */
function makeFormal(r: Revising): void {
  const formal = formalize(r.text);
  if (formal.changed) r.done.push('改为公文语体');
  else r.notices.push('文本已是公文语体，未作改动');
  r.text = formal.text;
}

/** 精简: shorter wording; a goals text may also lose minor sentences. */
function makeConcise(r: Revising, deviation: boolean, important: (s: string) => boolean): void {
  const before = countChars(r.text);
  let shorter = compact(r.text);
  // a deviation text keeps every sentence: its facts, cause and measure are what a reviewer reads
  if (countChars(shorter) >= before && !deviation) shorter = dropMinorSentences(shorter, important);
  if (countChars(shorter) < before) {
    r.text = shorter;
    r.done.push(`精简（${before}字→${countChars(r.text)}字）`);
  } else {
    r.notices.push('文本已较精简，内置起草器未能在不删减事实、原因和措施的前提下再压缩');
  }
}

/** 控制在N字以内: a deviation text only as far as its facts, cause and measure allow. */
function fitLimit(r: Revising, limit: number, facts: CellFacts, important: (s: string) => boolean): void {
  const before = countChars(r.text);
  const within = () => `控制在${limit}字以内（${before}字→${countChars(r.text)}字）`;
  if (before <= limit) {
    r.notices.push(`文本已在${limit}字以内，未作删减`);
    return;
  }
  if (facts.cell !== 'deviation') {
    r.text = fitToLength(r.text, limit, important);
    r.done.push(within());
    return;
  }
  const rf = facts.rowFacts;
  const fit = fitFaithfully(r.text, limit, rf ? cleanName(rf.indicator.name, rf.index) : '');
  r.text = fit.text;
  if (fit.fits) r.done.push(within());
  else
    r.notices.push(
      `保留事实、偏差原因和改进措施后最短为${countChars(r.text)}字，无法控制在${limit}字以内；如需更短，请手工删减或放宽字数`,
    );
}

/** Applies the quick actions of `message` to `text`. Pure. */
export function applyQuickActions(
  text: string,
  message: string,
  facts: CellFacts,
  measure: string | undefined,
): RevisionOutcome {
  const actions = parseQuickActions(message);
  const r: Revising = { text: normalizeText(text), done: [], notices: [] };
  if (!actions.any) return { text: r.text, understood: false, notice: CANNOT_REVISE(message) };
  const important = importanceOf(facts);
  addParts(r, actions, facts, measure);
  if (actions.formal) makeFormal(r);
  if (actions.concise) makeConcise(r, facts.cell === 'deviation', important);
  if (actions.limit !== null) fitLimit(r, actions.limit, facts, important);
  if (actions.leftover) r.notices.push(`以下要求内置起草器无法执行：“${actions.leftover}”，请配置大模型或手工修改`);
  const summary = [r.done.length ? `已${r.done.join('、')}` : '', ...r.notices].filter(Boolean).join('；');
  return { text: r.text, understood: true, notice: summary || undefined };
}

/** The built-in draft of `req` with its checks; `onText` gets the text before the checks run. */
export function builtinDraftResult(
  req: DraftRequest,
  prompts: PromptSet,
  onText?: (text: string) => void,
): DraftResult {
  const { text, facts, template, notice } = builtinText(req, prompts);
  onText?.(text);
  return {
    path: req.path,
    text,
    checks: checkWithFacts(text, facts),
    drafter: 'builtin',
    promptId: template.id,
    promptVersion: template.version,
    ...(notice ? { notice } : {}),
  };
}

/** The facts with the limit a revision message asks for (控制在120字以内), if lower. */
export function factsForRevision(facts: CellFacts, message: string, history: readonly ChatMessage[] = []): CellFacts {
  const limit = parseQuickActions(message).limit;
  // what the user typed in this cell's chat is a source for its figures and causes (issue #13)
  const chat = [...facts.chat, ...history.filter((m) => m.role === 'user').map((m) => m.content), message];
  return withFacts(facts, { chat, ...(limit !== null && limit < facts.maxChars ? { maxChars: limit } : {}) });
}

export function appendExchange(
  history: readonly ChatMessage[] | undefined,
  message: string,
  text: string,
): ChatMessage[] {
  return [...(history ?? []), { role: 'user', content: message }, { role: 'assistant', content: text }];
}

export function createBuiltinDrafter(options: BuiltinDrafterOptions = {}): Drafter {
  const prompts = options.prompts ?? bundledPrompts();
  return {
    id: 'builtin',
    async draft(req: DraftRequest, sink?: DraftSink, signal?: AbortSignal): Promise<DraftResult> {
      signal?.throwIfAborted();
      return builtinDraftResult(req, prompts, (text) => emit(text, sink, signal));
    },
    async revise(req: ReviseRequest, sink?: DraftSink, signal?: AbortSignal): Promise<DraftResult> {
      signal?.throwIfAborted();
      if (!req.message?.trim()) throw new ZipingError('invalid_request', '修改要求不能为空');
      const prepared = prepare(req, prompts);
      const facts = factsForRevision(prepared.facts, req.message, req.history);
      const measure =
        facts.cell === 'deviation' ? templateVars(req.form, req.report, facts, prepared.template).measure : undefined;
      const { text, notice } = applyQuickActions(req.currentText, req.message, facts, measure);
      emit(text, sink, signal);
      return {
        path: req.path,
        text,
        checks: checkWithFacts(text, facts),
        drafter: 'builtin',
        promptId: prompts.revise.id,
        promptVersion: prompts.revise.version,
        ...(notice ? { notice } : {}),
        history: appendExchange(req.history, req.message, text),
      };
    },
  };
}

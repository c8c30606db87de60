/**
 * Public types of the drafting library: what a drafter is asked, what it gives back, and the
 * events it streams while it writes.
 */
import type { Form, NarrativePath } from '../core/schema/form.js';
import type { ScoreReport } from '../core/schema/report.js';

/** The two narrative cells of form-format.md §4. */
export type CellKind = 'goals' | 'deviation';

/**
 * The scored outcome a narrative is conditioned on. `generic` is the fallback (a row that lost
 * points for another reason) and the only outcome of `goals.actual`.
 */
export type Outcome = 'missed' | 'over-achievement' | 'reverse-exceeded' | 'qualitative-partial' | 'late' | 'generic';

export const OUTCOMES: readonly Outcome[] = [
  'missed',
  'over-achievement',
  'reverse-exceeded',
  'qualitative-partial',
  'late',
  'generic',
];

/** One turn of a cell's revision chat. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface DraftRequest {
  /** The form as validated (`parseForm`). Notes in it are facts the user gives the drafter. */
  form: Form;
  /** `scoreForm(form)` of that form. */
  report: ScoreReport;
  /** `goals.actual` or `indicators.N.deviation`. */
  path: NarrativePath;
  /** Character limit of the cell; default from the template (goals 1000, deviation 200). */
  maxChars?: number;
  /** The profile's over-achievement ratio (actual/target flagged at or above it); default 1.2 (mof-2020). */
  overAchievementRatio?: number;
}

export interface ReviseRequest extends DraftRequest {
  /** The cell's text as the user sees it now (may have been edited by hand). */
  currentText: string;
  /** What the user asks: 更简洁、控制在120字以内、补充改进措施、语气更正式… */
  message: string;
  /** Earlier turns of this cell's chat, oldest first (the `history` of the previous result). */
  history?: ChatMessage[];
}

export type { CheckIssueCode, CheckIssue, NumberCheck, DraftChecks } from '../core/checks/narrative/types.js';
import type { DraftChecks } from '../core/checks/narrative/types.js';

export interface DraftResult {
  path: NarrativePath;
  /** The complete text. Only ever a finished text: a broken stream throws instead. */
  text: string;
  checks: DraftChecks;
  /** Which drafter wrote `text` (`builtin` also when the model failed and the fallback was used). */
  drafter: 'builtin' | 'model';
  model?: string;
  promptId: string;
  promptVersion: string;
  /** Something the user should know: fallback used, a request the built-in drafter could not follow… */
  notice?: string;
  /** A model draft failed its checks and was asked once to repair itself: true if the repair passed. */
  repaired?: boolean;
  /** Set when the model failed and the built-in draft is offered instead. */
  fallback?: { code: string; message: string };
  /** Revisions: the cell's chat including this exchange, to store and pass back next time. */
  history?: ChatMessage[];
  /** Model tokens this result cost, all calls (repair included): as the model reported, else estimated. */
  usage?: ModelUsage;
}

/** Tokens of model calls; `estimated` when the model did not report them (counted from characters). */
export interface ModelUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  estimated: boolean;
}

/**
 * Progress while a drafter writes. `delta` carries new text; `reset` says the text streamed so
 * far is void (a retry after a broken stream, a repair, the built-in fallback, or a failure) and
 * the next deltas start over. The result of `draft`/`revise` is what counts; events are a preview.
 */
export type DraftEvent =
  | { type: 'delta'; text: string }
  | { type: 'reset'; reason: 'retry' | 'repair' | 'fallback' | 'failed' };

export type DraftSink = (event: DraftEvent) => void;

/** A drafter writes and revises narrative cells. The built-in one and the model one share this. */
export interface Drafter {
  id: 'builtin' | 'model';
  /** The model name, for the model drafter. */
  model?: string;
  draft(request: DraftRequest, sink?: DraftSink, signal?: AbortSignal): Promise<DraftResult>;
  revise(request: ReviseRequest, sink?: DraftSink, signal?: AbortSignal): Promise<DraftResult>;
}

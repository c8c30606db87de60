/**
 * Model tokens spent on one draft or revision, over all its calls (a repair included), for the
 * daily budget of a unit (issue #12). Counted as the server reports them (`usage`), else estimated
 * from the characters sent and received (core/quotas/windows.ts).
 */
import { estimateTokens } from '../core/quotas/windows.js';
import type { ModelUsage } from './types.js';

/** The `usage` of a chat completion, as OpenAI-compatible servers report it. */
export interface ReportedUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
}

const count = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.round(n) : 0);

/** Adds up the calls of one job. */
export class UsageMeter {
  #prompt = 0;
  #completion = 0;
  #estimated = false;
  #calls = 0;

  /** One finished call: the usage the server reported, else an estimate from the characters. */
  record(reported: ReportedUsage | null | undefined, sent: readonly { content: string }[], answer: string): void {
    this.#calls++;
    if (reported && (count(reported.prompt_tokens) > 0 || count(reported.completion_tokens) > 0)) {
      this.#prompt += count(reported.prompt_tokens);
      this.#completion += count(reported.completion_tokens);
      return;
    }
    this.#estimated = true;
    this.#prompt += estimateTokens(sent.reduce((n, m) => n + m.content.length, 0));
    this.#completion += estimateTokens(answer.length);
  }

  /** The total, or undefined when no call finished. */
  get usage(): ModelUsage | undefined {
    if (this.#calls === 0) return undefined;
    const [promptTokens, completionTokens] = [this.#prompt, this.#completion];
    return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens, estimated: this.#estimated };
  }
}

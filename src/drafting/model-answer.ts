/** What makes a finished model answer usable: how it ended, its length, the text left once cleaned. */
import { MIN_MODEL_OUTPUT_CHARS, MODEL_OUTPUT_FACTOR } from '../core/limits.js';
import { cleanModelText } from './messages.js';
import { BadAnswer } from './model-errors.js';

/** The longest answer accepted for a cell of `maxChars` (core/limits.ts), unless configured. */
export function outputCap(configured: number | undefined, maxChars: number): number {
  return configured ?? Math.max(MIN_MODEL_OUTPUT_CHARS, MODEL_OUTPUT_FACTOR * maxChars);
}

/** The message of an answer cut at the output cap. */
export const tooLongMessage = (cap: number) => `模型输出超过${cap}字，已中止；未保存任何部分文本`;

/** The cleaned text of a complete answer; throws BadAnswer for a cut, filtered or empty one. */
export function finishedText(text: string, reason: string | null | undefined): string {
  if (reason === 'length') throw new BadAnswer('模型输出达到长度上限（max_tokens）被截断，未保存任何部分文本');
  if (reason === 'content_filter') throw new BadAnswer('模型服务的内容过滤拦截了输出');
  const clean = cleanModelText(text);
  if (!clean) throw new BadAnswer('模型返回了空文本');
  return clean;
}

/**
 * Facts the user gives in `notes`: split into a cause and an improvement measure, so the
 * built-in drafter puts each where it belongs. Pure.
 */

export interface ParsedNotes {
  /** The text as given (trimmed), null when empty. */
  raw: string | null;
  cause: string | null;
  measure: string | null;
}

const MEASURE_WORDS = /后续|下一步|今后|下阶段|将加强|将进一步|加强|改进|整改|措施|加快|完善|提高|优化|规范/;

function clean(s: string | undefined | null): string | null {
  const t = (s ?? '').replace(/^[\s，,。；;：:]+|(?<![\s，,。；;])[\s，,。；;]+$/g, '');
  return t ? t : null;
}

/**
 * `原因：合同签订延迟；措施：加强合同管理` → cause and measure by label; without labels, sentences
 * that read as a measure (后续将…, 加强…) are the measure and the rest the cause.
 */
export function parseNotes(notes: string | null | undefined): ParsedNotes {
  const raw = clean(notes);
  if (!raw) return { raw: null, cause: null, measure: null };
  const measureLabel = /(?:改进措施|整改措施|措施|改进)\s*[:：]/.exec(raw);
  const causeLabel = /(?:偏差原因|未完成原因|原因)\s*[:：]/.exec(raw);
  if (measureLabel || causeLabel) {
    let cause: string | null = null;
    let measure: string | null = null;
    if (causeLabel) {
      const end = measureLabel && measureLabel.index > causeLabel.index ? measureLabel.index : raw.length;
      cause = clean(raw.slice(causeLabel.index + causeLabel[0].length, end));
    }
    if (measureLabel) {
      const end = causeLabel && causeLabel.index > measureLabel.index ? causeLabel.index : raw.length;
      measure = clean(raw.slice(measureLabel.index + measureLabel[0].length, end));
    }
    if (!causeLabel && measureLabel) cause = clean(raw.slice(0, measureLabel.index));
    return { raw, cause, measure };
  }
  const sentences = raw
    .split(/(?<=[。；;！!？?\n])/)
    .map((s) => s.trim())
    .filter(Boolean);
  const causes: string[] = [];
  const measures: string[] = [];
  for (const s of sentences) (MEASURE_WORDS.test(s) && causes.length + measures.length > 0 ? measures : causes).push(s);
  // a single sentence that only states a measure ("加强合同管理")
  if (sentences.length === 1 && /^(后续|下一步|今后|加强|加快|完善|提高|优化|规范)/.test(sentences[0]!)) {
    return { raw, cause: null, measure: clean(sentences[0]) };
  }
  return { raw, cause: clean(causes.join('')), measure: clean(measures.join('')) };
}

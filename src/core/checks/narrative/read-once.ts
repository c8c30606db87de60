/**
 * The quantities of a text, read once however often the text is checked (issue #9, speed). A form
 * is scored again on every request and every edit, and its cells, notes and narratives are mostly
 * the texts it had before; the reading is a pure function of the text, so it is kept by text.
 * Bounded: at most MAX_TEXTS texts and MAX_CHARS characters of them; the first read are the first to go.
 */
import { readQuantities, type NarrativeQuantity } from '../../narrative/quantities.js';

/** How many texts are kept. */
export const MAX_TEXTS = 4096;
/** How many characters of text are kept, all texts together (the texts are the keys). */
export const MAX_CHARS = 1_000_000;

interface Memo {
  entries: Map<string, readonly NarrativeQuantity[]>;
  chars: number;
}

const WITH_CLAIMS: Memo = { entries: new Map(), chars: 0 };
const LENT: Memo = { entries: new Map(), chars: 0 };

function remember(memo: Memo, text: string, read: readonly NarrativeQuantity[]): void {
  memo.entries.set(text, read);
  memo.chars += text.length;
  for (const [oldest] of memo.entries) {
    if (memo.entries.size <= MAX_TEXTS && memo.chars <= MAX_CHARS) break;
    memo.entries.delete(oldest);
    memo.chars -= oldest.length;
  }
}

/**
 * `readQuantities(text, { claims })`, read once per text: the same frozen array for the same text.
 * Callers must not change what it returns (it is frozen, quantities included).
 */
export function quantitiesOnce(text: string, claims: boolean): readonly NarrativeQuantity[] {
  const memo = claims ? WITH_CLAIMS : LENT;
  const known = memo.entries.get(text);
  if (known) return known;
  const read = Object.freeze(readQuantities(text, { claims }).map((q) => Object.freeze(q)));
  if (text.length <= MAX_CHARS) remember(memo, text, read);
  return read;
}

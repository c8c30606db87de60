/**
 * Excel's leading apostrophe for text that looks like a formula. A text cell is never evaluated
 * when opened, but Excel parses it again when someone edits it (F2, Enter): `=HYPERLINK(…)` would
 * become a live formula (OWASP "CSV injection"). The `quotePrefix` style flag keeps it text even
 * then. excelts 5.1 does not write that flag, so the written package is patched: cells whose
 * shared string starts with = + - @ get a copy of their style with quotePrefix="1".
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/** Text Excel would read as a formula when typed (also full-width ＝ ＋ － ＠, which Excel accepts). */
export const FORMULA_START = /^[=+\-@＝＋－＠]/;

const SHEET = 'xl/worksheets/sheet1.xml';
const STYLES = 'xl/styles.xml';
const STRINGS = 'xl/sharedStrings.xml';

function sharedStrings(xml: string): string[] {
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join(''),
  );
}

/** Indices of the shared strings that start like a formula (XML-escaped text starts the same). */
function formulaLike(xml: string | undefined): Set<number> {
  const found = new Set<number>();
  if (!xml) return found;
  for (const [i, s] of sharedStrings(xml).entries()) if (FORMULA_START.test(s)) found.add(i);
  return found;
}

/** Adds to <cellXfs> a quotePrefix copy of each style in `used`; returns the new index of each. */
function addQuotedStyles(styles: string, used: Set<number>): { styles: string; map: Map<number, number> } {
  const block = /<cellXfs count="(\d{1,6})">([\s\S]*?)<\/cellXfs>/.exec(styles);
  if (!block) return { styles, map: new Map() };
  const xfs = [...block[2]!.matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
  const map = new Map<number, number>();
  const added: string[] = [];
  for (const index of used) {
    const xf = xfs[index];
    if (!xf) continue;
    map.set(index, xfs.length + added.length);
    added.push(xf.replace(/^<xf\b/, '<xf quotePrefix="1"'));
  }
  const all = [...xfs, ...added];
  const patched = `<cellXfs count="${all.length}">${all.join('')}</cellXfs>`;
  return { styles: styles.replace(block[0], () => patched), map };
}

/** The .xlsx with formula-like text cells flagged quotePrefix; unchanged when there are none. */
export function quoteFormulaLikeText(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const risky = formulaLike(files[STRINGS] && strFromU8(files[STRINGS]));
  if (risky.size === 0 || !files[SHEET] || !files[STYLES]) return bytes;
  const sheet = strFromU8(files[SHEET]);
  const cell = /<c r="([A-Z]{1,3}\d{1,7})"(?: s="(\d{1,6})")? t="s"><v>(\d{1,9})<\/v><\/c>/g;
  const used = new Set<number>();
  for (const m of sheet.matchAll(cell)) if (risky.has(Number(m[3]))) used.add(Number(m[2] ?? 0));
  const { styles, map } = addQuotedStyles(strFromU8(files[STYLES]), used);
  const patched = sheet.replace(cell, (whole, ref: string, s: string | undefined, v: string) =>
    risky.has(Number(v)) && map.has(Number(s ?? 0))
      ? `<c r="${ref}" s="${map.get(Number(s ?? 0))}" t="s"><v>${v}</v></c>`
      : whole,
  );
  return zipSync({ ...files, [SHEET]: strToU8(patched), [STYLES]: strToU8(styles) });
}

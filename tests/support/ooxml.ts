/**
 * Reads exported Office files the plain way, for tests: unzip with fflate and read the XML.
 * Independent of the libraries that wrote them, so a test compares what is really in the file.
 */
import { strFromU8, unzipSync } from 'fflate';

/** Every part of a zip package, as text. */
export function zipParts(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

const unescapeXml = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

export interface XmlCell {
  /** `t` attribute: `s` shared string, `inlineStr`, `str` (formula text), absent for a number. */
  type: string | null;
  /** The text or the number the cell holds. */
  value: string | number | null;
  formula: string | null;
}

export interface SheetXml {
  cells: Map<string, XmlCell>;
  merges: string[];
  xml: string;
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    unescapeXml([...m[1]!.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join('')),
  );
}

/** A worksheet's cells (by address, e.g. `C3`) and merged ranges; the first one by default. */
export function readSheetXml(bytes: Uint8Array, sheet = 1): SheetXml {
  const parts = zipParts(bytes);
  const xml = parts[`xl/worksheets/sheet${sheet}.xml`]!;
  const strings = sharedStrings(parts['xl/sharedStrings.xml']);
  const cells = new Map<string, XmlCell>();
  for (const m of xml.matchAll(/<c r="([A-Z]{1,3}\d{1,7})"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const type = /\bt="(\w+)"/.exec(m[2]!)?.[1] ?? null;
    const body = m[3] ?? '';
    const v = /<v>([^<]*)<\/v>/.exec(body)?.[1];
    const formula = /<f[^>]*>([^<]*)<\/f>/.exec(body)?.[1] ?? (body.includes('<f') ? '' : null);
    const inline = /<is>[\s\S]*?<t[^>]*>([^<]*)<\/t>/.exec(body)?.[1];
    let value: string | number | null = null;
    if (type === 's' && v !== undefined) value = strings[Number(v)] ?? null;
    else if (type === 'inlineStr' && inline !== undefined) value = unescapeXml(inline);
    else if (type === 'str' && v !== undefined) value = unescapeXml(v);
    else if (v !== undefined) value = Number(v);
    cells.set(m[1]!, { type, value, formula });
  }
  const merges = [...xml.matchAll(/<mergeCell ref="([A-Z0-9:]+)"\/>/g)].map((m) => m[1]!);
  return { cells, merges, xml };
}

/** `A1` address of a 0-based row and column. */
export function address(row: number, col: number): string {
  let name = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return `${name}${row + 1}`;
}

/** The visible text of a .docx body paragraph by paragraph, and its tables' cells row by row. */
export function readDocxXml(bytes: Uint8Array): { xml: string; paragraphs: string[]; tables: string[][][] } {
  const xml = zipParts(bytes)['word/document.xml']!;
  // A line break inside a cell (<w:br/>) reads as \n, as it was written
  const textOf = (s: string) =>
    unescapeXml(
      [...s.matchAll(/<w:br\/>|<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
        .map((t) => (t[0] === '<w:br/>' ? '\n' : t[1]))
        .join(''),
    );
  const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)].map((r) =>
      [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => textOf(c[1]!)),
    ),
  );
  const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  const paragraphs = [...body.matchAll(/<w:p[ >]([\s\S]*?)<\/w:p>/g)].map((p) => textOf(p[1]!)).filter((t) => t !== '');
  return { xml, paragraphs, tables };
}

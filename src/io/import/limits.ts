/**
 * Limits of an import, checked before any parser sees the input (issue 10: hostile files).
 * A real 自评表 is one sheet of under 200 rows and a few dozen KB; these leave a wide margin.
 */
export const IMPORT_LIMITS = {
  /** Bytes of an uploaded file (.xlsx or text). */
  maxFileBytes: 5 * 1024 * 1024,
  /** Entries in the .xlsx zip (a workbook has 10–30). */
  maxZipEntries: 1000,
  /** Bytes all zip entries inflate to together: a zip bomb stops here. */
  maxInflatedBytes: 50 * 1024 * 1024,
  /** Rows in one worksheet (counted in its XML before parsing). */
  maxRows: 5000,
  /** Columns read per row. */
  maxColumns: 100,
  /** Characters of pasted text. */
  maxTextChars: 300_000,
  /** Lines of pasted text. */
  maxTextLines: 20_000,
} as const;

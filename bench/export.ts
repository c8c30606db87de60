/**
 * Export of a 2,000-row form (the schema's limit): .docx (the 自评表 table alone, and table +
 * 自评报告), and the draft checks of the 自评报告's prose, as ratios to .xlsx of the same form,
 * measured in the same run.
 */
import { readFileSync } from 'node:fs';
import { parseForm, scoreForm, type FormInput } from '../src/core/index.js';
import { formToDocx, formToXlsx, writeReportProse } from '../src/io/export/index.js';
import { report } from './measure.js';

/** A 2,000-row form from the seed's rows. */
export function twoThousandRowForm(): FormInput {
  const seed = JSON.parse(
    readFileSync(new URL('../../shared/seed/baai-2022.json', import.meta.url), 'utf8'),
  ) as FormInput;
  const indicators = Array.from({ length: 2000 }, (_, i) => {
    const row = seed.indicators[i % seed.indicators.length]!;
    return { ...row, name: `${row.name}${i}`, weight: 0.045, score: 0.045 };
  });
  return { ...seed, indicators, selfTotal: null };
}

/** Median milliseconds of `rounds` runs of `fn` (after one warm-up run). */
async function medianMs(fn: () => Promise<unknown>, rounds = 3): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

/** Runs the export benchmark and prints its ratios. */
export async function runExportBench(): Promise<void> {
  const form = parseForm(twoThousandRowForm());
  const scored = scoreForm(form);
  const xlsx = await medianMs(() => formToXlsx(form, scored));
  const table = await medianMs(() => formToDocx(form, scored, 'table'));
  const both = await medianMs(() => formToDocx(form, scored, 'both'));
  const checked = await medianMs(() => writeReportProse(form, scored), 1);
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  report('.docx 自评表 of a 2,000-row form / .xlsx of it', table / xlsx, `${ms(table)} vs ${ms(xlsx)}`);
  report('.docx 自评表 + 自评报告, 2,000 rows / .xlsx of it', both / xlsx, `${ms(both)} vs ${ms(xlsx)}`);
  // The draft checks over the report's prose (the route runs them before writing the .docx)
  report('checks of the 自评报告 prose, 2,000 rows / .xlsx of it', checked / xlsx, `${ms(checked)} vs ${ms(xlsx)}`);
}

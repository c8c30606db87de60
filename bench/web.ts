/**
 * Web page benchmarks, printed as ratios to their budgets:
 *
 * - the script the editor loads before it is usable (the entry and the chunks it imports
 *   statically, uncompressed), against 300 KB;
 * - one keystroke in a 50-row form, measured in Debian's Chromium: from the `input` event to the
 *   page updated and laid out (the whole form rescored by the scoring core in the page, row
 *   scores, flags, totals and issue list redrawn), against one frame (16.7 ms);
 * - the checks of all 51 narrative cells, which run once typing pauses in slices of about 6 ms:
 *   the longest slice, against one frame.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { FormInput } from '../src/core/index.js';
import { buildWebAssetsWithReport } from '../src/build/web-assets.js';
import { checkCell } from '../src/web/draft-checks.js';
import { evaluate } from '../src/web/evaluation.js';
import { CHROMIUM_PATH, launchChromium } from '../tests/e2e/browser.js';
import { startTestServer } from '../tests/e2e/server.js';
import { report, timePerCall } from './measure.js';

const BUDGET_BYTES = 300 * 1024;
const FRAME_MS = 1000 / 60;
const ROWS = 50;
const KEYSTROKES = 60;

/** The seed form grown to `rows` indicator rows (its rows repeated, renamed). */
function fiftyRowForm(rows = ROWS): FormInput {
  const seed = JSON.parse(
    readFileSync(new URL('../tests/support/baai-2022.seed.json', import.meta.url), 'utf8'),
  ) as FormInput;
  const base = seed.indicators;
  // Every row gets a deviation text: the worst case for the checks that run when typing pauses.
  const text = base.find((row) => row.deviation)?.deviation ?? '';
  seed.indicators = Array.from({ length: rows }, (_, i) => ({
    ...base[i % base.length]!,
    name: `${base[i % base.length]!.name}（${i + 1}）`,
    deviation: base[i % base.length]!.deviation || text,
  }));
  return seed;
}

/** Median milliseconds from an `input` event on a row's 实际完成值 to the page updated and laid out. */
async function keystrokeMs(): Promise<{
  medianMs: number;
  p90Ms: number;
  total: string;
  slices: number;
  longestSliceMs: number;
  recheckMs: number;
}> {
  const server = await startTestServer();
  const browser = await launchChromium();
  try {
    const created = await fetch(`${server.url}/api/forms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ form: fiftyRowForm() }),
    });
    if (!created.ok) throw new Error(`could not create the 50-row form: ${created.status} ${await created.text()}`);
    const { id } = (await created.json()) as { id: string };
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.pageUrl}#/forms/${encodeURIComponent(id)}`);
    await page.locator(`#f-indicators-${ROWS - 1}-actual`).waitFor();
    const samples = await page.evaluate((count) => {
      const input = document.getElementById('f-indicators-7-actual') as HTMLTextAreaElement;
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        input.value = i % 2 === 0 ? '250台' : '296台';
        const start = performance.now();
        input.dispatchEvent(new Event('input', { bubbles: true }));
        void document.body.offsetHeight; // include style and layout of what the update changed
        times.push(performance.now() - start);
      }
      return times;
    }, KEYSTROKES);
    const total = (await page.getByTestId('total').textContent()) ?? '';
    // After a pause the page rechecks every narrative cell in slices; read the slices it measured.
    await page.evaluate(() => performance.clearMeasures('ziping:recheck-slice'));
    await page.locator('#f-indicators-7-actual').fill('280台');
    await page.waitForTimeout(1000);
    const slices = await page.evaluate(() =>
      performance.getEntriesByName('ziping:recheck-slice').map((e) => e.duration),
    );
    await context.close();
    const sorted = samples.slice(5).sort((a, b) => a - b); // the first keystrokes warm the JIT
    return {
      medianMs: sorted[Math.floor(sorted.length / 2)]!,
      p90Ms: sorted[Math.floor(sorted.length * 0.9)]!,
      total,
      slices: slices.length,
      longestSliceMs: Math.max(0, ...slices),
      recheckMs: slices.reduce((a, b) => a + b, 0),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Runs the web benchmarks and prints their ratios. */
export async function runWebBench(): Promise<void> {
  const build = await buildWebAssetsWithReport();
  const firstLoad = build.firstLoadScriptBytes;
  const gzipped = build.assets
    .filter((a) => a.path.endsWith('.js'))
    .reduce((sum, a) => sum + gzipSync(a.body).length, 0);
  report(
    'editor first-load script, uncompressed / 300 KB budget',
    firstLoad / BUDGET_BYTES,
    `${(firstLoad / 1024).toFixed(1)} KB entry + static chunks; all script incl. lazy print chunk ${(build.totalScriptBytes / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped`,
  );

  const form = fiftyRowForm();
  const evaluation = evaluate(form);
  const paths = ['goals.actual', ...form.indicators.map((_, i) => `indicators.${i}.deviation`)];
  const checksNs = timePerCall(
    () => {
      for (const path of paths)
        checkCell(
          String(
            (path === 'goals.actual' ? form.goals?.actual : form.indicators[Number(path.split('.')[1])]!.deviation) ??
              '',
          ),
          evaluation.form,
          evaluation.report,
          path,
        );
    },
    5,
    9,
  );
  const scoreNs = timePerCall(() => evaluate(form), 20, 9);

  if (!existsSync(CHROMIUM_PATH)) {
    console.log('(Chromium not installed at /usr/bin/chromium: keystroke benchmark skipped; apt-get install chromium)');
  } else {
    const keystroke = await keystrokeMs();
    report(
      `keystroke in a ${ROWS}-row form, rescored and redrawn / one frame`,
      keystroke.medianMs / FRAME_MS,
      `median ${keystroke.medianMs.toFixed(2)} ms, p90 ${keystroke.p90Ms.toFixed(2)} ms in Chromium over ${KEYSTROKES - 5} keystrokes; total shown ${keystroke.total}`,
    );
    report(
      `longest slice of the narrative rechecks after a pause / one frame`,
      keystroke.longestSliceMs / FRAME_MS,
      `${keystroke.slices} slices, longest ${keystroke.longestSliceMs.toFixed(2)} ms, ${keystroke.recheckMs.toFixed(1)} ms in all for ${ROWS + 1} cells, in Chromium`,
    );
  }
  report(
    `validate + score a ${ROWS}-row form in Node (the keystroke's core) / one frame`,
    scoreNs / 1e6 / FRAME_MS,
    `${(scoreNs / 1e6).toFixed(2)} ms median`,
  );
  report(
    `checks of all ${paths.length} narrative cells in Node, unsliced / one frame`,
    checksNs / 1e6 / FRAME_MS,
    `${(checksNs / 1e6).toFixed(2)} ms median; the page spreads them over slices (line above)`,
  );
}

if (process.argv[1] && /bench[\\/]web\.ts$/.test(process.argv[1])) {
  console.log('## web page');
  await runWebBench();
}

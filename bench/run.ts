/**
 * `npm run bench`: every benchmark of the project, each printed as ratios to a baseline measured
 * in the same run. Run on an otherwise idle machine for steadier figures.
 */
import { printDraftingBench } from './drafting.js';
import { runExportBench } from './export.js';
import { runHttpBench } from './http.js';
import { runNarrativeBench } from './narratives.js';
import { runScoringBench } from './scoring.js';
import { runWebBench } from './web.js';
import { runWorkerBench } from './worker.js';

const only = process.argv[2];
const sections: [string, () => Promise<void>][] = [
  ['scoring', runScoringBench],
  ['narratives', runNarrativeBench],
  ['http', runHttpBench],
  [
    'drafting',
    async () => {
      await printDraftingBench();
    },
  ],
  ['web', runWebBench],
  ['export', runExportBench],
  ['worker', runWorkerBench],
];

console.log('# Ziping benchmarks (ratios to baselines measured in this run)');
for (const [name, run] of sections) {
  if (only && only !== name) continue;
  console.log(`\n## ${name}`);
  await run();
}

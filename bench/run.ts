/**
 * `npm run bench`: every benchmark of the project, each printed as ratios to a baseline measured
 * in the same run. Run on an otherwise idle machine for steadier figures.
 */
import { runScoringBench } from './scoring.js';

console.log('# Ziping benchmarks (ratios to baselines measured in this run)\n');
console.log('## scoring');
await runScoringBench();

/**
 * Writes tests/fixtures/golden-scores.jsonl: each golden case as the code scores it now, one
 * `[key, entry]` a line. Run it once from a commit whose scores are right (`node bin/run-ts.js
 * tests/support/golden-write.ts`); the golden test then fails on any change.
 */
import { writeFileSync } from 'node:fs';
import { goldenResults } from './golden-cases.js';

const file = new URL('../fixtures/golden-scores.jsonl', import.meta.url);
const lines = Object.entries(goldenResults()).map((pair) => JSON.stringify(pair));
writeFileSync(file, `${lines.join('\n')}\n`);

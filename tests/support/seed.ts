/** The seed form (shared/seed/baai-2022.json), parsed, for tests. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseForm, type Form } from '../../src/core/index.js';

export const SEED_PATH = fileURLToPath(new URL('../../../shared/seed/baai-2022.json', import.meta.url));

/** A fresh copy of the seed form each call, so tests can change it. */
export function seedForm(): Form {
  return parseForm(JSON.parse(readFileSync(SEED_PATH, 'utf8')));
}

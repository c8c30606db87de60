// Writes src/io/io-prompts.ts from prompts/io/*.md, so the Worker (no file system) has the templates.
// tests/io/io-prompts.test.ts checks the bundle matches the files.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const dir = new URL('../prompts/io/', import.meta.url);
const entries = readdirSync(dir)
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => `  '${name.slice(0, -3)}': ${JSON.stringify(readFileSync(new URL(name, dir), 'utf8'))},`);
const out = [
  '// Generated from prompts/io/*.md by `node scripts/bundle-io-prompts.js`. Do not edit: edit the Markdown and regenerate.',
  'export const IO_PROMPTS = {',
  ...entries,
  '} as const;',
  '',
].join('\n');
writeFileSync(new URL('../src/io/io-prompts.ts', import.meta.url), out);

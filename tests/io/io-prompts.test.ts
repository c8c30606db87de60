// The io templates bundled for the Worker (src/io/io-prompts.ts) are the files in prompts/io/.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { IO_PROMPTS } from '../../src/io/io-prompts.js';
import { fillTemplate } from '../../src/io/templates.js';

const dir = new URL('../../prompts/io/', import.meta.url);

it('src/io/io-prompts.ts matches prompts/io/*.md (regenerate: node scripts/bundle-io-prompts.js)', () => {
  const files = Object.fromEntries(
    readdirSync(dir)
      .filter((n) => n.endsWith('.md'))
      .map((n) => [n.slice(0, -3), readFileSync(new URL(n, dir), 'utf8')]),
  );
  expect(IO_PROMPTS).toEqual(files);
});

it('fills a template without its note for editors', () => {
  const text = fillTemplate('report-prose', { heading: '四、改进措施', maxChars: '300', data: '{}' });
  expect(text).not.toContain('<!--');
  expect(text).toContain('“四、改进措施”');
  expect(text).not.toMatch(/\{\{/);
});

// Loaded with `node --import` by tests/service/production-build.test.ts: the compiled program must
// run without development tools, so resolving one of them fails loudly.
import { register } from 'node:module';

const hook = `export async function resolve(specifier, context, next) {
  if (/^(tsx|esbuild|typescript|vitest|wrangler)(\\/|$)/.test(specifier)) throw new Error('development tool loaded at run time: ' + specifier);
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);

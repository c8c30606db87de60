/**
 * A schema's compiled twin, made by zod itself (`compile`, in zod 4.6): a parser generated from the
 * schema's own definition that accepts what the schema accepts and builds the same output, without
 * the runtime's payload objects per field (the 15-row seed form: ~29 → ~4 µs, 42 → 10 KB of garbage;
 * issue #9). Input the generated parser does not accept goes to the schema's runtime parser, so every
 * failure and its issues are the runtime's. Where code cannot be generated (Workers, a page under a
 * CSP) compile returns the schema unchanged. tests/core/schema-compiled.test.ts holds the two equal
 * on real and fuzzed forms. Compiled on first use (about 10 ms for a form body), once per schema.
 */
import { compile, type z } from 'zod';

// Keys are schemas, built once at module load and never collected: no per-request entries.
const TWINS = new WeakMap<z.ZodType, z.ZodType>();

/** `schema` compiled by zod (on first use, then remembered): the same answers, cheaper. */
export function compiledSchema<S extends z.ZodType>(schema: S): S {
  let twin = TWINS.get(schema);
  if (!twin) {
    twin = compile(schema);
    TWINS.set(schema, twin);
  }
  return twin as S;
}

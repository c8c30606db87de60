/**
 * One check for zod's compiled twin of a schema (src/core/schema/compiled.ts): on one input it answers
 * exactly as the schema itself: the same success, output (values, keys and key order) and issues.
 */
import { expect } from 'vitest';
import type { z } from 'zod';
import { compiledSchema } from '../../src/core/schema/compiled.js';

/** Keys and their order, all the way down: toStrictEqual ignores the order. */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value === null || typeof value !== 'object') return typeof value;
  return Object.entries(value).map(([key, v]) => [key, shapeOf(v)]);
}

/** Asserts that `schema` and its compiled twin answer `input` alike (each parses its own copy). */
export function expectSameAnswer(schema: z.ZodType, input: unknown): void {
  const twin = compiledSchema(schema);
  const runtime = schema.safeParse(structuredClone(input), { reportInput: true });
  const compiled = twin.safeParse(structuredClone(input), { reportInput: true });
  expect(compiled.success).toBe(runtime.success);
  if (runtime.success && compiled.success) {
    expect(compiled.data).toStrictEqual(runtime.data);
    expect(shapeOf(compiled.data)).toStrictEqual(shapeOf(runtime.data));
  } else {
    expect(compiled.error?.issues).toStrictEqual(runtime.error?.issues);
  }
}

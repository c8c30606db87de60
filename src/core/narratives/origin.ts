/**
 * Where a narrative text came from: typed by a person, made by a built-in template drafter, or
 * written by a model from a prompt. Stored with every saved text so a reviewer can tell them apart.
 */
import { z } from 'zod';

export const NarrativeOriginSchema = z.strictObject({
  kind: z.enum(['human', 'builtin', 'model']),
  /** Which drafter made the text, e.g. `template` or `openai`. */
  drafter: z.string().min(1).max(100).optional(),
  /** The model name, for `kind: 'model'`. */
  model: z.string().min(1).max(200).optional(),
  promptId: z.string().min(1).max(200).optional(),
  promptVersion: z.union([z.string().min(1).max(100), z.number()]).optional(),
});

export type NarrativeOrigin = z.infer<typeof NarrativeOriginSchema>;

/** The origin of a text nobody attributed: a person typed it. */
export const HUMAN_ORIGIN: NarrativeOrigin = Object.freeze({ kind: 'human' });

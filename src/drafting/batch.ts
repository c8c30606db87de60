/**
 * Drafting many cells: which cells of a form need text, and drafting a list of them with a
 * bounded number of model calls in flight. Pure (no I/O of its own).
 */
import { ZipingError } from '../core/errors.js';
import { factsOf } from '../core/facts/form-facts.js';
import { isFillerText } from '../core/parse/placeholder.js';
import { deviationPath } from '../core/narratives/paths.js';
import type { Form, NarrativePath } from '../core/schema/form.js';
import type { ScoreReport } from '../core/schema/report.js';
import type { Drafter, DraftRequest, DraftResult, DraftSink } from './types.js';

/** Text that says nothing (the core's rule, shared with the reviewer checks). */
export { isFillerText };

/**
 * The narrative cells that need drafting: `goals.actual` always, then every
 * `indicators.N.deviation` whose row needs an explanation and whose text is empty or filler.
 */
export function cellsNeedingText(form: Form, report: ScoreReport): NarrativePath[] {
  const paths: NarrativePath[] = ['goals.actual'];
  const rows = factsOf(form, report).rows;
  form.indicators.forEach((ind, i) => {
    if (rows[i]?.needsText && isFillerText(ind.deviation)) paths.push(deviationPath(i));
  });
  return paths;
}

export type BatchItem =
  | { path: NarrativePath; ok: true; result: DraftResult }
  | { path: NarrativePath; ok: false; error: ZipingError };

export interface BatchProgress {
  done: number;
  total: number;
  item: BatchItem;
}

export interface DraftManyOptions {
  /** Cells drafted at once (default 4). */
  concurrency?: number;
  onProgress?: (progress: BatchProgress) => void;
  /** Where each cell's text streams while it is written (a page shows every cell filling in). */
  sinkFor?: (path: NarrativePath) => DraftSink | undefined;
  signal?: AbortSignal;
}

/**
 * Drafts every request, at most `concurrency` at a time. Results come back in request order;
 * a failed cell is an `{ ok: false, error }` item and does not stop the others. An aborted
 * signal stops starting new cells and rejects with its reason.
 */
export async function draftMany(
  drafter: Drafter,
  requests: readonly DraftRequest[],
  options: DraftManyOptions = {},
): Promise<BatchItem[]> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const items: BatchItem[] = new Array(requests.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < requests.length) {
      options.signal?.throwIfAborted();
      const i = next++;
      const req = requests[i]!;
      let item: BatchItem;
      try {
        item = {
          path: req.path,
          ok: true,
          result: await drafter.draft(req, options.sinkFor?.(req.path), options.signal),
        };
      } catch (error) {
        if (options.signal?.aborted) throw options.signal.reason;
        const e =
          error instanceof ZipingError
            ? error
            : new ZipingError(
                'internal_error',
                `起草 ${req.path} 时出错：${error instanceof Error ? error.message : String(error)}`,
                { cause: error },
              );
        item = { path: req.path, ok: false, error: e };
      }
      items[i] = item;
      done++;
      options.onProgress?.({ done, total: requests.length, item });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker));
  return items;
}

/**
 * CPU work of the requests in flight, run together (issue #9; "cohort scheduling", Larus & Parkes,
 * USENIX 2002). Under load the server runs the whole HTTP path (parser, middleware, socket writes)
 * between two scorings, and that code evicts the scoring code from the CPU's caches and branch
 * predictors: scoring the same form costs ~1.4× more per call in the server than in a loop (and
 * running ~400 other small functions between loop calls reproduces it). Queued here, the scorings of
 * every request whose body arrived in one turn of the event loop run back to back in the next, the
 * code warm for all but the first. Nothing is cached: each input is worked on, in arrival order.
 * With one request at a time it costs one event-loop turn; without a scheduler (Workers), the work
 * runs at once.
 */

/** Runs `run` on the event loop's next turn, after the pending I/O callbacks (Node: setImmediate). */
export type NextTurn = (run: () => void) => void;

/** The most calls run in one turn: later ones wait for the next, so no answer waits for more than this. */
export const COHORT_LIMIT = 16;

interface Job<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

/**
 * `work` as an asynchronous call whose calls made in the same turn run together in the next (at most
 * COHORT_LIMIT a turn); each call gets its own result or its own error. Without `nextTurn`, `work` at once.
 */
export function cohort<I, O>(work: (input: I) => O, nextTurn: NextTurn | undefined): (input: I) => Promise<O> {
  if (!nextTurn) {
    return (input) => new Promise<O>((resolve) => resolve(work(input)));
  }
  let queue: Job<I, O>[] = [];
  const runTurn = (): void => {
    const jobs = queue.length > COHORT_LIMIT ? queue.splice(0, COHORT_LIMIT) : queue;
    if (jobs === queue) queue = [];
    else nextTurn(runTurn);
    for (const job of jobs) {
      try {
        job.resolve(work(job.input));
      } catch (error) {
        job.reject(error);
      }
    }
  };
  return (input) =>
    new Promise<O>((resolve, reject) => {
      if (queue.push({ input, resolve, reject }) === 1) nextTurn(runTurn);
    });
}

/**
 * Time ratios for backtracking tests (issue #8). No absolute milliseconds: a function is timed on an
 * input and on one `factor` times longer, in the same run, and the ratio tells linear (≈ factor)
 * from quadratic (≈ factor²) or exponential growth. Best of several runs, so a GC pause or a busy
 * machine slows one run, not the verdict.
 */

/** The fastest of `runs` timings of `fn()`, in ms (each timing repeats it until ≥ 5 ms have passed). */
export function bestTime(fn: () => unknown, runs = 5): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    let reps = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      fn();
      reps++;
      elapsed = performance.now() - start;
    } while (elapsed < 5);
    best = Math.min(best, elapsed / reps);
  }
  return best;
}

/** time(fn(make(n · factor))) / time(fn(make(n))). */
export function growth(fn: (input: string) => unknown, make: (n: number) => string, n: number, factor: number): number {
  const small = make(n);
  const large = make(n * factor);
  fn(large); // warm up the JIT on the long input too
  return bestTime(() => fn(large), 5) / bestTime(() => fn(small), 5);
}

/** One growth measurement: the expression, how an input of size n is made, n and the factor to the large one. */
interface GrowthCase {
  fn: (input: string) => unknown;
  make: (n: number) => string;
  n: number;
  factor: number;
}

/** Up to `tries` growth measurements, keeping the one `keep` prefers, until `settled` says it is enough. */
function repeatedGrowth(
  c: GrowthCase,
  keep: (a: number, b: number) => number,
  settled: (g: number) => boolean,
  tries: number,
): number {
  let kept = growth(c.fn, c.make, c.n, c.factor);
  for (let t = 1; t < tries && !settled(kept); t++) kept = keep(kept, growth(c.fn, c.make, c.n, c.factor));
  return kept;
}

/**
 * The least of up to `tries` growth measurements, stopping once one is under `limit`: a busy machine
 * can inflate one measurement, while real backtracking exceeds the limit every time.
 */
export function leastGrowth(
  fn: (input: string) => unknown,
  make: (n: number) => string,
  n: number,
  factor: number,
  limit: number,
  tries = 3,
): number {
  return repeatedGrowth({ fn, make, n, factor }, Math.min, (g) => g < limit, tries);
}

/**
 * The greatest of up to `tries` growth measurements, stopping once one is over `limit`: a busy machine
 * can flatten one measurement of a slow expression (a core taken away while the short input ran),
 * while real backtracking shows its growth on a quiet try.
 */
export function mostGrowth(
  fn: (input: string) => unknown,
  make: (n: number) => string,
  n: number,
  factor: number,
  limit: number,
  tries = 3,
): number {
  return repeatedGrowth({ fn, make, n, factor }, Math.max, (g) => g > limit, tries);
}

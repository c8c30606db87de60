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
  let least = Infinity;
  for (let t = 0; t < tries && least >= limit; t++) least = Math.min(least, growth(fn, make, n, factor));
  return least;
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
  let most = 0;
  for (let t = 0; t < tries && most <= limit; t++) most = Math.max(most, growth(fn, make, n, factor));
  return most;
}

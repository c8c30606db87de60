/**
 * Small timing helpers for benchmarks: every figure is printed as a ratio to a baseline measured
 * in the same run, because these machines are shared and absolute times mean little.
 */

/** Median nanoseconds per call of `fn` over `rounds` rounds of `perRound` calls, after a warm-up. */
export function timePerCall(fn: () => unknown, perRound = 200, rounds = 15): number {
  for (let i = 0; i < perRound; i++) fn();
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < perRound; i++) fn();
    samples.push(Number(process.hrtime.bigint() - start) / perRound);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

/** Prints one benchmark line: a name, the ratio, and the raw figures for context. */
export function report(name: string, ratio: number, detail: string): void {
  console.log(`${name.padEnd(58)} ratio ${ratio.toFixed(2).padStart(8)}   (${detail})`);
}

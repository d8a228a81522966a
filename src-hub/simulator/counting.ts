// Counters for stats, and the rule for when a repeated problem is worth another log line.

/** Adds one to `counter[key]` and returns the new count. */
export function bump(counter: Record<string, number>, key: string): number {
  const n = (counter[key] ?? 0) + 1
  counter[key] = n
  return n
}

/** 1, 10, 100, …: at hundreds of commands a second a systematic refusal would flood the log. */
export function isPowerOfTen(n: number): boolean {
  let x = n
  while (x >= 10 && x % 10 === 0) x /= 10
  return x === 1
}

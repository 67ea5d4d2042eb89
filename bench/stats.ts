/** One measured round of load against one target. Latencies in milliseconds. */
export type Sample = {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  /** Answers that were not 2xx/3xx. */
  non2xx: number
  /** Connect, read, write and timeout errors. */
  errors: number
}

/** The middle value (the mean of the two middle values for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Medians over a target's rounds, with each figure also as a ratio to the floor. */
export type Summary = {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  /** Median over rounds of (target req/s ÷ floor req/s in the same round): higher is better. */
  throughputRatio: number
  /** Median over rounds of (target p50 ÷ floor p50): 1 is the floor, higher is slower. */
  p50Ratio: number
  p99Ratio: number
  non2xx: number
  errors: number
}

/**
 * Summarizes a target against the floor. Ratios are taken round by round (the floor is measured in
 * every round, interleaved with the targets) and then the median is taken, so a drift of the
 * machine between rounds cancels out instead of landing on whichever target ran in a slow moment.
 */
export function summarize(target: readonly Sample[], floor: readonly Sample[]): Summary {
  const rounds = Math.min(target.length, floor.length)
  const per = (pick: (t: Sample, f: Sample) => number) =>
    median(Array.from({ length: rounds }, (_, i) => pick(target[i]!, floor[i]!)))
  return {
    requestsPerSecond: median(target.map((s) => s.requestsPerSecond)),
    p50Ms: median(target.map((s) => s.p50Ms)),
    p99Ms: median(target.map((s) => s.p99Ms)),
    throughputRatio: per((t, f) => t.requestsPerSecond / f.requestsPerSecond),
    p50Ratio: per((t, f) => t.p50Ms / f.p50Ms),
    p99Ratio: per((t, f) => t.p99Ms / f.p99Ms),
    non2xx: target.reduce((sum, s) => sum + s.non2xx, 0),
    errors: target.reduce((sum, s) => sum + s.errors, 0),
  }
}

/** The order of the targets in round `round`: rotated by one each round, so none always runs first. */
export function rotate<T>(items: readonly T[], round: number): T[] {
  if (items.length === 0) return []
  const shift = round % items.length
  return [...items.slice(shift), ...items.slice(0, shift)]
}

/**
 * A sliding one-second window per key (account and operation): `admit` is false once `limit` calls
 * were admitted in the last 1000 ms of the injected clock.
 */
export function createRateLimiter() {
  const windows = new Map<string, number[]>()
  return {
    admit(key: string, limit: number, nowMs: number): boolean {
      const times = (windows.get(key) ?? []).filter((t) => t > nowMs - 1000)
      const admitted = times.length < limit
      if (admitted) times.push(nowMs)
      windows.set(key, times)
      return admitted
    },
  }
}

import type { NonceStore } from '../protocols/index.ts'

/**
 * Remembers nonces until they expire (the scheme's clock window: a request older than that is
 * refused on its timestamp anyway). Expired entries are swept when the store has doubled since the
 * last sweep, so memory stays proportional to the nonces of one window.
 */
export function createNonceStore(): NonceStore & { size(): number } {
  const seen = new Map<string, number>()
  let sweepAt = 1024
  return {
    claim(key, expiresAtMs, nowMs) {
      const expiry = seen.get(key)
      if (expiry !== undefined && expiry > nowMs) return false
      seen.set(key, expiresAtMs)
      if (seen.size >= sweepAt) {
        for (const [k, at] of seen) if (at <= nowMs) seen.delete(k)
        sweepAt = Math.max(1024, seen.size * 2)
      }
      return true
    },
    size: () => seen.size,
  }
}

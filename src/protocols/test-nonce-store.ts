import type { NonceStore } from './protocol.ts'

/**
 * The smallest `NonceStore` for the schemes' own tests: a nonce is refused until it expires, and
 * nothing is ever swept. The store a server uses belongs to the pipeline (`createNonceStore`),
 * downstream of the schemes, so their tests take this one instead.
 */
export function testNonceStore(): NonceStore {
  const seen = new Map<string, number>()
  return {
    claim(key, expiresAtMs, nowMs) {
      const expiry = seen.get(key)
      if (expiry !== undefined && expiry > nowMs) return false
      seen.set(key, expiresAtMs)
      return true
    },
  }
}

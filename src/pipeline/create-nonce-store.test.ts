import { expect, it } from 'vitest'
import { createNonceStore } from './create-nonce-store.ts'

it('refuses a nonce inside its window and accepts it again once expired', () => {
  const store = createNonceStore()
  expect(store.claim('a', 1000, 0)).toBe(true)
  expect(store.claim('a', 1000, 999)).toBe(false)
  expect(store.claim('a', 3000, 1000)).toBe(true)
})

it('keeps memory proportional to one window of nonces, however many pass', () => {
  const store = createNonceStore()
  // 200,000 nonces over time, each living 1,000 ticks: at most ~1,000 are alive at once.
  for (let t = 0; t < 200_000; t++) store.claim(`n${t}`, t + 1000, t)
  expect(store.size()).toBeLessThan(4096)
})

import { createHmac } from 'node:crypto'
import { expect, it } from 'vitest'
import { hmacMatchesHex } from './crypto.ts'

const key = 'key'
const data = 'The quick brown fox jumps over the lazy dog'
// RFC 4231-style known answer, as every HMAC-SHA256 implementation gives it.
const hex = 'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8'

it('matches the hex HMAC of the data and nothing else', () => {
  expect(createHmac('sha256', key).update(data).digest('hex')).toBe(hex)
  expect(hmacMatchesHex('sha256', key, data, hex)).toBe(true)
  expect(hmacMatchesHex('sha256', key, `${data}.`, hex)).toBe(false)
  expect(hmacMatchesHex('sha256', 'other', data, hex)).toBe(false)
  const flipped = `${hex.slice(0, -1)}9`
  expect(hmacMatchesHex('sha256', key, data, flipped)).toBe(false)
})

it('never matches hex of another length or with non-hex digits', () => {
  for (const given of [
    '',
    hex.slice(0, -2),
    `${hex}00`,
    `${hex.slice(0, 2)}${'z'.repeat(62)}`,
    `${hex.slice(0, -1)}g`,
    `${hex.slice(0, -1)}`,
  ]) {
    expect(hmacMatchesHex('sha256', key, data, given), given).toBe(false)
  }
})

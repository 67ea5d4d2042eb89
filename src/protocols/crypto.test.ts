import { createHmac } from 'node:crypto'
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { hmacMatchesHex, prepareHmac } from './crypto.ts'

const key = prepareHmac('sha256', 'key')
const data = 'The quick brown fox jumps over the lazy dog'
// RFC 4231-style known answer, as every HMAC-SHA256 implementation gives it.
const hex = 'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8'

it('matches the hex HMAC of the data and nothing else', () => {
  expect(createHmac('sha256', 'key').update(data).digest('hex')).toBe(hex)
  expect(hmacMatchesHex(key, data, hex)).toBe(true)
  expect(hmacMatchesHex(key, data, hex.toUpperCase())).toBe(true)
  expect(hmacMatchesHex(key, `${data}.`, hex)).toBe(false)
  expect(hmacMatchesHex(prepareHmac('sha256', 'other'), data, hex)).toBe(false)
  const flipped = `${hex.slice(0, -1)}9`
  expect(hmacMatchesHex(key, data, flipped)).toBe(false)
})

it('never matches hex of another length or with non-hex digits', () => {
  for (const given of [
    '',
    hex.slice(0, -2),
    `${hex}00`,
    `${hex.slice(0, 2)}${'z'.repeat(62)}`,
    `${hex.slice(0, -1)}g`,
    `${hex.slice(0, -1)}`,
    // Control characters 32 below a digit must not pass for it.
    hex.replace(/[0-9]/, (digit) => String.fromCharCode(digit.charCodeAt(0) - 32)),
  ]) {
    expect(hmacMatchesHex(key, data, given), given).toBe(false)
  }
})

it('gives what createHmac gives, for any key and data (long keys, long and non-ASCII data)', () => {
  const keys = fc.oneof(
    fc.string({ maxLength: 100 }),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    // Longer than the block: hashed first.
    fc.uint8Array({ minLength: 65, maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  )
  const texts = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 50 }),
    // Past the reused 16 KiB block, in UTF-8 bytes and in UTF-16 units.
    fc.constantFrom('a'.repeat(20_000), '界'.repeat(6_000), '\ud800'.repeat(10)),
  )
  fc.assert(
    fc.property(
      fc.constantFrom('sha1', 'sha256' as const),
      keys,
      texts,
      (algorithm, secret, text) => {
        const expected = createHmac(algorithm, secret).update(text, 'utf8').digest('hex')
        expect(prepareHmac(algorithm, secret).hex(text)).toBe(expected)
      },
    ),
    { numRuns: 2000 },
  )
})

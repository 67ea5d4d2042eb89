import fc from 'fast-check'
import { expect, it } from 'vitest'
import { createChunkedDecoder } from './create-chunked-decoder.ts'

/** Feeds `parts` the way a connection does (keeping an unconsumed rest), then reports. */
function decode(parts: Buffer[], limit = 1 << 20) {
  const decoder = createChunkedDecoder(limit)
  let rest: Buffer | undefined
  let after = Buffer.alloc(0)
  for (const part of parts) {
    const input = rest === undefined ? part : Buffer.concat([rest, part])
    rest = undefined
    if (decoder.done) {
      after = Buffer.concat([after, input])
      continue
    }
    const reached = decoder.push(input, 0)
    if (decoder.done || decoder.error) after = Buffer.concat([after, input.subarray(reached)])
    else if (reached < input.length) rest = input.subarray(reached)
  }
  return {
    body: Buffer.concat(decoder.chunks).toString('latin1'),
    size: decoder.size,
    done: decoder.done,
    error: decoder.error,
    after: after.toString('latin1'),
  }
}

const bytes = (text: string) => Buffer.from(text, 'latin1')

it('decodes chunks, ignoring extensions and trailer fields, and stops where the body ends', () => {
  const wire = '5;name=value\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\nNEXT'
  expect(decode([bytes(wire)])).toEqual({
    body: 'hello 0123456789',
    size: 16,
    done: true,
    error: undefined,
    after: 'NEXT',
  })
})

it('decodes the same body whatever the byte boundaries the coding arrives in', () => {
  const chunk = fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 40 })
  fc.assert(
    fc.property(fc.array(chunk, { maxLength: 6 }), fc.array(fc.nat()), (chunks, cuts) => {
      const wire = bytes(
        `${chunks.map((c) => `${c.length.toString(16)}\r\n${c}\r\n`).join('')}0\r\n\r\n`,
      )
      const points = [...new Set(cuts.map((cut) => cut % (wire.length + 1)))].sort((a, b) => a - b)
      const parts = [0, ...points].map((start, i) => wire.subarray(start, points[i] ?? wire.length))
      expect(decode(parts)).toEqual({
        body: chunks.join(''),
        size: chunks.join('').length,
        done: true,
        error: undefined,
        after: '',
      })
    }),
    { seed: 20261124, numRuns: 500 },
  )
})

it.each([
  ['a size that is not hex', 'zz\r\nhello\r\n0\r\n\r\n', 'the request has a malformed chunk size'],
  ['an empty size line', '\r\nhello\r\n0\r\n\r\n', 'the request has a malformed chunk size'],
  ['a size of 13 hex digits', '1000000000000\r\n', 'the request has a malformed chunk size'],
  ['whitespace after a size', '3\t\r\nabc\r\n0\r\n\r\n', 'the request has a malformed chunk size'],
  ['an empty extension name', '3;\r\nabc\r\n0\r\n\r\n', 'the request has a malformed chunk size'],
  [
    'a space inside an extension',
    '3;a b\r\nabc\r\n0\r\n\r\n',
    'the request has a malformed chunk size',
  ],
  [
    'a NUL in an extension',
    '3;a=\u0000\r\nabc\r\n0\r\n\r\n',
    'the request has a malformed chunk size',
  ],
  [
    'a trailer without a colon',
    '0\r\nGET / HTTP/1.1\r\n\r\n',
    'the request has a malformed trailer field',
  ],
  [
    'space before a trailer colon',
    '0\r\nX : y\r\n\r\n',
    'the request has a malformed trailer field',
  ],
  [
    'a NUL in a trailer value',
    '0\r\nX: a\u0000\r\n\r\n',
    'the request has a malformed trailer field',
  ],
  [
    'data longer than its size',
    '2\r\nhello\r\n0\r\n\r\n',
    'the request has chunk data longer than its size',
  ],
])('refuses %s', (_, wire, error) => {
  expect(decode([bytes(wire)])).toMatchObject({ done: false, error })
})

it('accepts leading zeros and extensions with quoted values, as node:http does', () => {
  const wire = '0000000000003 ; a = "q\\"x" ;b\r\nabc\r\n0;last\r\n\r\n'
  expect(decode([bytes(wire)])).toMatchObject({ body: 'abc', done: true, error: undefined })
})

it('refuses a size line that never ends instead of buffering it', () => {
  expect(decode([bytes(`1;${'x'.repeat(17_000)}`)])).toMatchObject({
    error: 'the request has a chunk line too long',
  })
})

it('keeps no data past the limit but counts it, so the caller can answer 413', () => {
  const result = decode([bytes('4\r\nabcd\r\n4\r\nefgh\r\n0\r\n\r\n')], 6)
  expect(result).toMatchObject({ body: 'abcd', size: 8, done: true })
})

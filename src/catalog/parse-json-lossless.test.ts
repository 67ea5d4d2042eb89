import { expect, it } from 'vitest'
import {
  isJsonInteger,
  jsonIntegerText,
  parseJsonLossless,
  stringifyJsonLossless,
} from './parse-json-lossless.ts'

const digitsOf = (value: unknown) => (isJsonInteger(value) ? jsonIntegerText(value) : value)

it('keeps the digits of integers past 2^53 and parses everything else as JSON.parse does', () => {
  const text =
    '[{"a":9007199254740993,"b":-9223372036854775808,"c":9007199254740991,"d":1.5e300,' +
    '"e":"12345678901234567890","f":[9223372036854775807],"g":12345678901234567890.5}]'
  const [parsed] = parseJsonLossless(text) as [Record<string, unknown>]
  expect(digitsOf(parsed['a'])).toBe('9007199254740993')
  expect(digitsOf(parsed['b'])).toBe('-9223372036854775808')
  expect(parsed['c']).toBe(9007199254740991)
  expect(parsed['d']).toBe(1.5e300)
  expect(parsed['e']).toBe('12345678901234567890')
  expect(digitsOf((parsed['f'] as unknown[])[0])).toBe('9223372036854775807')
  expect(parsed['g']).toBe(Number('12345678901234567890.5'))
})

it('leaves a string holding quotes, escapes and digits alone', () => {
  const text = '{"s":"x\\" 9007199254740993 \\\\","n":9007199254740993}'
  const parsed = parseJsonLossless(text) as Record<string, unknown>
  expect(parsed['s']).toBe('x" 9007199254740993 \\')
  expect(digitsOf(parsed['n'])).toBe('9007199254740993')
})

it('throws JSON.parse’s own error for text that is not JSON', () => {
  const text = '[9007199254740993,'
  expect(() => parseJsonLossless(text)).toThrow(
    (() => {
      try {
        JSON.parse(text)
      } catch (error) {
        return (error as Error).message
      }
      return 'unreachable'
    })(),
  )
})

it('writes a kept integer back digit for digit, inside objects and arrays too', () => {
  const text = '{"a":9223372036854775807,"b":[-9007199254740993,1.5],"c":"9007199254740993"}'
  expect(stringifyJsonLossless(parseJsonLossless(text))).toBe(text)
  expect(stringifyJsonLossless({ plain: 1 })).toBe('{"plain":1}')
})

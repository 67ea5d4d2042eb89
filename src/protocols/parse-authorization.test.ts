import fc from 'fast-check'
import { expect, it } from 'vitest'
import { parseAuthorization } from './parse-authorization.ts'

const TC3 = 'TC3-HMAC-SHA256'

it('splits the fields, trimming names and values and keeping / and = inside values', () => {
  expect(
    parseAuthorization(
      `  ${TC3} Credential=AKID/2019-02-25/cvm/tc3_request ,SignedHeaders=content-type;host,  Signature=ab==  `,
      TC3,
    ),
  ).toEqual({
    Credential: 'AKID/2019-02-25/cvm/tc3_request',
    SignedHeaders: 'content-type;host',
    Signature: 'ab==',
  })
})

it('skips parts without =, keeps the last of a repeated name and a field named __proto__', () => {
  const fields = parseAuthorization(`${TC3} junk, A=1, A=2, __proto__=x, =empty`, TC3)
  const expected: Record<string, string> = Object.create(null)
  expected['A'] = '2'
  expected['__proto__'] = 'x'
  expected[''] = 'empty'
  expect(fields).toEqual(expected)
  expect(Object.getPrototypeOf(fields)).toBe(null)
})

it('is undefined for another algorithm, or a longer word that starts like it', () => {
  expect(parseAuthorization('ACS3-HMAC-SHA256 Credential=x', TC3)).toBeUndefined()
  expect(parseAuthorization(`${TC3}X Credential=x`, TC3)).toBeUndefined()
  expect(parseAuthorization('', TC3)).toBeUndefined()
  expect(parseAuthorization(TC3, TC3)).toEqual({})
})

it('reads any header as splitting on commas and the first = would', () => {
  // The definition, written the obvious way: the fast scan must agree with it on any input.
  const reference = (header: string): Record<string, string> | undefined => {
    const trimmed = header.trim()
    if (!trimmed.startsWith(TC3)) return undefined
    const next = trimmed[TC3.length]
    if (next !== undefined && !/\s/.test(next)) return undefined
    const fields: Record<string, string> = Object.create(null)
    for (const part of trimmed.slice(TC3.length).split(',')) {
      const eq = part.indexOf('=')
      if (eq !== -1) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim()
    }
    return fields
  }
  const piece = fc.constantFrom(',', '=', ' ', '\t', 'a', 'Credential', '/', '__proto__', '\u00a0')
  const rest = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''))
  fc.assert(
    fc.property(fc.constantFrom('', ' ', '\t'), rest, (lead, tail) => {
      const header = `${lead}${TC3}${tail}`
      expect(parseAuthorization(header, TC3)).toEqual(reference(header))
    }),
    { numRuns: 3000 },
  )
})

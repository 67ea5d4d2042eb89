import { expect, it } from 'vitest'
import { apigCanonicalRequest, apigCanonicalUri, formatSdkDate } from './apig-signature.ts'

it('builds the canonical URI with encoded segments and a trailing slash', () => {
  expect(apigCanonicalUri('/v1/p/inst/image')).toBe('/v1/p/inst/image/')
  expect(apigCanonicalUri('/v1/p/inst/image/')).toBe('/v1/p/inst/image/')
  expect(apigCanonicalUri('/v1/p/my%20inst*/image')).toBe('/v1/p/my%20inst%2A/image/')
})

it('sorts the canonical query by name then value and encodes it again', () => {
  const canonical = apigCanonicalRequest(
    {
      method: 'GET',
      path: '/v1/p',
      query: 'b=2&a=y&a=x&c=%7E+%2A',
      headers: { host: 'h' },
      body: Buffer.alloc(0),
    },
    ['host'],
  )
  expect(canonical.split('\n')[2]).toBe('a=x&a=y&b=2&c=~%20%2A')
})

it('formats X-Sdk-Date as YYYYMMDDTHHMMSSZ in UTC', () => {
  expect(formatSdkDate(Date.parse('2026-01-02T03:04:05.678Z'))).toBe('20260102T030405Z')
})

import { gzipSync } from 'node:zlib'
import { expect, it } from 'vitest'
import type { WireRequest, WireResponse } from '../protocols/index.ts'
import { accepts, fitContentCoding } from './fit-content-coding.ts'

const request = (acceptEncoding?: string): WireRequest => ({
  method: 'POST',
  path: '/',
  query: '',
  headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
  body: Buffer.alloc(0),
})

const gzipped: WireResponse = {
  status: 200,
  headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
  body: gzipSync('{"RequestId":"r"}'),
}

it.each([
  [undefined, 'gzip', true],
  ['gzip, deflate, br', 'gzip', true],
  ['br', 'gzip', false],
  ['identity', 'gzip', false],
  ['', 'gzip', false],
  ['gzip;q=0, *', 'gzip', false],
  ['*', 'gzip', true],
  ['*;q=0', 'gzip', false],
  ['GZIP;Q=0.5', 'gzip', true],
])('reads Accept-Encoding %j as accepting %s: %s (RFC 9110 §12.5.3)', (field, coding, expected) => {
  expect(accepts(field, coding)).toBe(expected)
})

it('sends a recorded compressed body as recorded to a client that accepts its coding', () => {
  expect(fitContentCoding(request('gzip'), gzipped)).toBe(gzipped)
  expect(fitContentCoding(request(), gzipped)).toBe(gzipped)
})

it('decodes it, without content-encoding, for a client that refuses the coding', () => {
  const fitted = fitContentCoding(request('identity'), gzipped)
  expect(String(fitted.body)).toBe('{"RequestId":"r"}')
  expect(fitted.headers).toEqual({ 'content-type': 'application/json' })
  // Decoded once: the same object serves the next such request.
  expect(fitContentCoding(request('br'), gzipped)).toBe(fitted)
})

it('sends what it cannot decode as recorded', () => {
  const broken = { ...gzipped, body: Buffer.from('not gzip') }
  expect(fitContentCoding(request('identity'), broken)).toBe(broken)
  const unknown = { ...gzipped, headers: { 'content-encoding': 'zstd' } }
  expect(fitContentCoding(request('identity'), unknown)).toBe(unknown)
})

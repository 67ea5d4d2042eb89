import { expect, it } from 'vitest'
import type { WireResponse } from '../protocols/index.ts'
import { prepareResponse, renderResponse } from './render-response.ts'

const wire = (headers: Record<string, string>, body = '{}', status = 200): WireResponse => ({
  status,
  headers,
  body,
})

it('renders the status line, the fields as given and the body length in bytes', () => {
  expect(renderResponse(wire({ 'Content-Type': 'application/json' }, '"\u00e9"'))).toEqual({
    head: 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ncontent-length: 4\r\n',
    ascii: true,
    body: '"\u00e9"',
    dated: false,
  })
})

it('drops framing and connection fields a recording carried, and keeps its Date', () => {
  const rendered = renderResponse(
    wire({
      'Transfer-Encoding': 'chunked',
      'content-length': '99',
      Connection: 'close',
      'Keep-Alive': 'timeout=1',
      Date: 'Mon, 23 Nov 2026 12:00:00 GMT',
    }),
  )
  expect(rendered.head).toBe(
    'HTTP/1.1 200 OK\r\nDate: Mon, 23 Nov 2026 12:00:00 GMT\r\ncontent-length: 2\r\n',
  )
  expect(rendered.dated).toBe(true)
})

it('marks a head with latin1 bytes, which must be written as latin1', () => {
  expect(renderResponse(wire({ 'X-Name': 'caf\u00e9' })).ascii).toBe(false)
})

it.each([
  ['a field name that is not a token', wire({ 'Bad Name': 'x' })],
  ['a value with a line break', wire({ 'X-A': 'a\r\nInjected: 1' })],
  ['a value past U+00FF', wire({ 'X-A': '\u4e2d' })],
  ['a status below 100', wire({}, '', 99)],
  ['a status past 999', wire({}, '', 1000)],
])('renders a 500 that says why, for %s', (_, response) => {
  const rendered = renderResponse(response)
  expect(rendered.head).toMatch(/^HTTP\/1\.1 500 Internal Server Error\r\n/)
  expect(JSON.parse(rendered.body).message).toContain('a header was not valid HTTP')
})

it('sends no body and no length with 1xx, 204 and 304', () => {
  for (const status of [103, 204, 304]) {
    const rendered = renderResponse(wire({}, 'ignored', status))
    expect(rendered.head).not.toContain('content-length')
    expect(rendered.body).toBe('')
  }
})

it('renders a prepared response once, on its first send, and a fresh one every time', () => {
  const prepared = prepareResponse(wire({ 'X-A': '1' }))
  expect(renderResponse(prepared)).toBe(renderResponse(prepared))
  const fresh = wire({ 'X-A': '1' })
  expect(renderResponse(fresh)).not.toBe(renderResponse(fresh))
  expect(renderResponse(fresh)).toEqual(renderResponse(prepared))
})

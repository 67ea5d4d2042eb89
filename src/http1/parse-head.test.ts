import { expect, it } from 'vitest'
import { parseHead } from './parse-head.ts'

const head = (...lines: string[]) => parseHead(lines.join('\r\n'), 16_384)

it('reads the request line, lower-cases names and trims the whitespace around values', () => {
  expect(head('PUT /v1/p/i/image?a=1 HTTP/1.1', 'Host: x', 'X-Thing: \t spaced \t')).toEqual({
    method: 'PUT',
    target: '/v1/p/i/image?a=1',
    minor: 1,
    headers: { host: 'x', 'x-thing': 'spaced' },
    framing: { kind: 'none' },
    keepAlive: true,
    expectsContinue: false,
  })
})

it('joins repeated fields as node:http does: first wins for singletons, cookies with "; "', () => {
  const parsed = head(
    'GET / HTTP/1.1',
    'Host: a',
    'Host: b',
    'Authorization: first',
    'authorization: second',
    'Cookie: a=1',
    'Cookie: b=2',
    'X-List: 1',
    'x-list: 2',
  )
  expect(parsed).toMatchObject({
    headers: { host: 'a', authorization: 'first', cookie: 'a=1; b=2', 'x-list': '1, 2' },
  })
})

it('reads the body framing from Content-Length or a chunked Transfer-Encoding', () => {
  expect(head('POST / HTTP/1.1', 'Host: x', 'Content-Length: 12')).toMatchObject({
    framing: { kind: 'length', length: 12 },
  })
  expect(head('POST / HTTP/1.1', 'Host: x', 'Content-Length: 0')).toMatchObject({
    framing: { kind: 'none' },
  })
  expect(
    head('POST / HTTP/1.1', 'Host: x', 'Content-Length: 7', 'content-length: 7'),
  ).toMatchObject({ framing: { kind: 'length', length: 7 } })
  expect(head('POST / HTTP/1.1', 'Host: x', 'Transfer-Encoding: gzip, Chunked')).toMatchObject({
    framing: { kind: 'chunked' },
  })
})

it('keeps HTTP/1.1 connections open unless closed, and HTTP/1.0 ones only when asked', () => {
  expect(head('GET / HTTP/1.1', 'Host: x')).toMatchObject({ keepAlive: true })
  expect(head('GET / HTTP/1.1', 'Host: x', 'Connection: TE, Close')).toMatchObject({
    keepAlive: false,
  })
  expect(head('GET / HTTP/1.0')).toMatchObject({ minor: 0, keepAlive: false })
  expect(head('GET / HTTP/1.0', 'Connection: Keep-Alive')).toMatchObject({ keepAlive: true })
})

it('notes Expect: 100-continue and refuses any other expectation with 417', () => {
  expect(head('PUT / HTTP/1.1', 'Host: x', 'Expect: 100-Continue')).toMatchObject({
    expectsContinue: true,
  })
  expect(head('PUT / HTTP/1.1', 'Host: x', 'Expect: teapot')).toEqual({
    status: 417,
    reason: 'the expectation "teapot" cannot be met',
  })
})

it.each([
  ['no request line', ['', 'Host: x'], 'a malformed request line'],
  ['a request line of two parts', ['GET /', 'Host: x'], 'a malformed request line'],
  ['a request line of four parts', ['GET / x HTTP/1.1', 'Host: x'], 'a malformed request line'],
  ['a method that is not a token', ['G(T / HTTP/1.1', 'Host: x'], 'a malformed method'],
  ['a version that is not HTTP', ['GET / HTTX/1.1', 'Host: x'], 'a malformed HTTP version'],
  ['no Host in HTTP/1.1', ['GET / HTTP/1.1'], 'no Host header'],
  ['space before a colon', ['GET / HTTP/1.1', 'Host : x'], 'a malformed header field'],
  ['a line without a colon', ['GET / HTTP/1.1', 'Host: x', 'Broken'], 'a malformed header field'],
  ['an empty field name', ['GET / HTTP/1.1', 'Host: x', ': v'], 'a malformed header field'],
  ['obsolete line folding', ['GET / HTTP/1.1', 'Host: x', 'X: a', ' b'], 'a malformed header'],
  ['a bare CR', ['GET / HTTP/1.1', 'Host: x\rX: y'], 'a control character, or a bare CR or LF'],
  ['a NUL in a value', ['GET / HTTP/1.1', 'Host: x', 'X: a\u0000b'], 'a control character'],
  ['a non-numeric length', ['POST / HTTP/1.1', 'Host: x', 'Content-Length: 1e3'], 'malformed'],
  ['a negative length', ['POST / HTTP/1.1', 'Host: x', 'Content-Length: -1'], 'malformed'],
  [
    'lengths that disagree',
    ['POST / HTTP/1.1', 'Host: x', 'Content-Length: 1', 'Content-Length: 2'],
    'conflicting Content-Length',
  ],
  [
    'a length beside a coding',
    ['POST / HTTP/1.1', 'Host: x', 'Content-Length: 3', 'Transfer-Encoding: chunked'],
    'both Content-Length and Transfer-Encoding',
  ],
  [
    'a coding not ending in chunked',
    ['POST / HTTP/1.1', 'Host: x', 'Transfer-Encoding: chunked, gzip'],
    'does not end in chunked',
  ],
  [
    'chunked twice',
    ['POST / HTTP/1.1', 'Host: x', 'Transfer-Encoding: chunked, chunked'],
    'does not end in chunked, once',
  ],
  [
    'a coding in HTTP/1.0',
    ['POST / HTTP/1.0', 'Transfer-Encoding: chunked'],
    'which HTTP/1.0 does not know',
  ],
])('answers 400 to %s', (_, lines, reason) => {
  const parsed = head(...lines)
  expect(parsed).toMatchObject({ status: 400 })
  expect((parsed as { reason: string }).reason).toContain(reason)
})

it('answers 505 to an HTTP version other than 1.0 and 1.1', () => {
  expect(head('PRI * HTTP/2.0')).toEqual({
    status: 505,
    reason: 'HTTP/2.0 is not supported; send HTTP/1.1',
  })
})

it('never echoes a malformed header line, which may hold a credential', () => {
  const parsed = head('GET / HTTP/1.1', 'Host: x', 'Authorization TC3-HMAC-SHA256 secret-ish')
  expect(JSON.stringify(parsed)).not.toContain('secret-ish')
  expect(parsed).toEqual({
    status: 400,
    reason: 'the request has a malformed header field (line 3 of the head)',
  })
})

it('keeps latin1 bytes in field values as node:http does', () => {
  expect(head('GET /cafe HTTP/1.1', 'Host: x', 'X-Name: \u00e9t\u00e9')).toMatchObject({
    headers: { 'x-name': '\u00e9t\u00e9' },
  })
})

it('takes fields named __proto__ or constructor as plain fields', () => {
  const parsed = head('GET / HTTP/1.1', 'Host: x', '__proto__: polluted', 'Constructor: c')
  const { headers } = parsed as { headers: Record<string, string> }
  expect(Object.getOwnPropertyDescriptor(headers, '__proto__')).toMatchObject({ value: 'polluted' })
  expect(headers['constructor']).toBe('c')
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  expect(headers['toString']).toBeUndefined()
})

it('refuses lines ending in a bare LF, as node:http does (both must agree where a request ends)', () => {
  expect(parseHead('GET / HTTP/1.1\nHost: x\r\nX: y', 16_384)).toMatchObject({ status: 400 })
})

it('refuses a target that is no origin-form, absolute-form or *, or holds raw octets', () => {
  for (const target of ['a', '?a', '/caf\u00e9', '/?q=\u0080', '*x']) {
    expect(head(`GET ${target} HTTP/1.1`, 'Host: x')).toEqual({
      status: 400,
      reason: 'the request has a malformed request target',
    })
  }
  for (const target of ['/a?q={"x"|<y>}^`\\', 'http://h/p?q', '*', '/%zz#f']) {
    expect(head(`OPTIONS ${target} HTTP/1.1`, 'Host: x')).toMatchObject({ target })
  }
})

it('answers 501 to CONNECT: a 2xx would tell the client a tunnel is open', () => {
  expect(head('CONNECT x:443 HTTP/1.1', 'Host: x:443')).toMatchObject({ status: 501 })
})

it('counts the limit as node:http does: target, names and values, not separators', () => {
  const at = head('GET / HTTP/1.1', 'Host: x', `X: ${'a'.repeat(16_376)}`)
  expect(at).toMatchObject({ method: 'GET' })
  const over = head('GET / HTTP/1.1', 'Host: x', `X: ${'a'.repeat(16_377)}`)
  expect(over).toEqual({ status: 431, reason: 'the request headers exceed the limit' })
})

it('accepts a Content-Length with leading zeros, and reads a huge one as too large', () => {
  expect(head('POST / HTTP/1.1', 'Host: x', 'Content-Length: 0000000000000001')).toMatchObject({
    framing: { kind: 'length', length: 1 },
  })
  expect(head('POST / HTTP/1.1', 'Host: x', `Content-Length: ${'9'.repeat(30)}`)).toMatchObject({
    framing: { kind: 'length', length: 1e30 },
  })
})

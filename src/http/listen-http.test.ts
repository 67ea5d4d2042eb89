import { connect } from 'node:net'
import { afterEach, expect, it } from 'vitest'
import type { WireRequest, WireResponse } from '../protocols/index.ts'
import { type HttpHandler, type Listening, listenHttp } from './listen-http.ts'
import { prepareResponse } from './send-response.ts'

// The door over real sockets: what users rely on from it, whatever parses HTTP underneath.
let server: Listening | undefined
afterEach(() => server?.close())

const text = (body: string, headers: WireResponse['headers'] = {}): WireResponse => ({
  status: 200,
  headers: { 'content-type': 'text/plain', ...headers },
  body,
})

async function door(handler: HttpHandler) {
  server = await listenHttp(handler)
  return server
}

/** Writes raw bytes, optionally half-closes, and collects everything until the server closes. */
function exchange(bytes: Buffer | string, { halfClose = true } = {}): Promise<string> {
  return new Promise((resolve) => {
    let out = ''
    const socket = connect(server!.port, '127.0.0.1', () => {
      socket.write(bytes)
      if (halfClose) socket.end()
    })
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      out += chunk
    })
    socket.on('close', () => resolve(out))
    socket.on('error', () => resolve(out))
  })
}

it('answers 1,000 requests pipelined in one write and then half-closed, all of them, in order', async () => {
  await door((request, reply) => reply.send(text(request.path.slice(1))))
  const requests = Array.from({ length: 1000 }, (_, n) => `GET /${n} HTTP/1.1\r\nHost: x\r\n\r\n`)
  const answer = await exchange(requests.join(''))
  const bodies = [...answer.matchAll(/\r\n\r\n(\d+)(?=HTTP|$)/g)].map((m) => Number(m[1]))
  expect(bodies).toEqual(Array.from({ length: 1000 }, (_, n) => n))
})

it('answers pipelined requests in order when the handler answers them out of order', async () => {
  const held: Array<() => void> = []
  await door((request, reply) => {
    held.push(() => reply.send(text(request.path.slice(1))))
    if (held.length === 3) for (const send of held.reverse()) send()
  })
  const answer = await exchange(
    ['/a', '/b', '/c'].map((p) => `GET ${p} HTTP/1.1\r\nHost: x\r\n\r\n`).join(''),
  )
  expect([...answer.matchAll(/\r\n\r\n([abc])/g)].map((m) => m[1])).toEqual(['a', 'b', 'c'])
})

it('answers 400 to a request whose body the client cut short with its FIN', async () => {
  await door((_, reply) => reply.send(text('read')))
  const answer = await exchange('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc')
  expect(answer).toMatch(/^HTTP\/1\.1 400 /)
  expect(answer).toContain('"code":"E_BAD_REQUEST"')
})

it('refuses Transfer-Encoding "chunked" followed by a non-breaking space (RFC 9112 §6.1)', async () => {
  let reached = false
  await door((_, reply) => {
    reached = true
    reply.send(text('read'))
  })
  const answer = await exchange(
    Buffer.from(
      'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\xa0\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
      'latin1',
    ),
  )
  expect(answer).toMatch(/^HTTP\/1\.1 400 /)
  expect(reached).toBe(false)
})

it('hands a chunked body over as the bytes sent, chunk extensions ignored', async () => {
  const bodies: Buffer[] = []
  await door((request, reply) => {
    bodies.push(request.body)
    reply.send(text('ok'))
  })
  await exchange(
    Buffer.from(
      'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;a=b\r\n\xff\x00a\r\n0\r\n\r\n',
      'latin1',
    ),
  )
  expect(bodies).toEqual([Buffer.from([0xff, 0x00, 0x61])])
})

it('flags a body over the limit, declared or chunked, answers, and closes', async () => {
  server = await listenHttp(
    (request, reply) => reply.send(text(`${reply.bodyTooLarge} ${request.body.length}`)),
    { maxBodyBytes: 8 },
  )
  const declared = await exchange('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n', {
    halfClose: false,
  })
  expect(declared).toMatch(/connection: close/i)
  expect(declared).toMatch(/\r\n\r\ntrue 0$/)
  const chunked = await exchange(
    `POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${'5\r\nhello\r\n'.repeat(4)}`,
    { halfClose: false },
  )
  expect(chunked).toMatch(/\r\n\r\ntrue 0$/)
})

it('reads an absolute-form target as origin-form, with its authority as Host (RFC 9112 §3.2.2)', async () => {
  const seen: WireRequest[] = []
  await door((request, reply) => {
    seen.push(request)
    reply.send(text('ok'))
  })
  await exchange('GET http://other.example:81/v1/x?Action=A HTTP/1.1\r\nHost: proxy:1\r\n\r\n')
  expect(seen.map(({ path, query, headers }) => ({ path, query, host: headers['host'] }))).toEqual([
    { path: '/v1/x', query: 'Action=A', host: 'other.example:81' },
  ])
})

it('keeps repeated request fields, joined, and a field named __proto__ as a field', async () => {
  const seen: WireRequest[] = []
  await door((request, reply) => {
    seen.push(request)
    reply.send(text('ok'))
  })
  await exchange('GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\nx-a: 2\r\n__proto__: p\r\n\r\n')
  expect(seen[0]!.headers['x-a']).toBe('1, 2')
  expect(Object.getOwnPropertyDescriptor(seen[0]!.headers, '__proto__')?.value).toBe('p')
  // Nothing is inherited: a field nobody sent reads as absent, whatever its name.
  expect(seen[0]!.headers['constructor']).toBeUndefined()
  expect(seen[0]!.headers['toString']).toBeUndefined()
})

it('writes repeated response fields as repeated fields, and bytes exactly', async () => {
  const bytes = Buffer.from([0x1f, 0x8b, 0x00, 0xff, 0xe9])
  await door((_, reply) =>
    reply.send({ status: 200, headers: { 'set-cookie': ['a=1', 'b=2, c'] }, body: bytes }),
  )
  const answer = await exchange('GET / HTTP/1.1\r\nHost: x\r\n\r\n')
  expect(answer.match(/^set-cookie: .*$/gim)).toEqual(['set-cookie: a=1', 'set-cookie: b=2, c'])
  expect(answer).toMatch(/content-length: 5\r\n/i)
  expect(Buffer.from(answer.split('\r\n\r\n')[1]!, 'latin1')).toEqual(bytes)
})

it('sends a HEAD answer with the length it states, or its body would have, and no body', async () => {
  await door((request, reply) =>
    reply.send(
      request.path === '/stated'
        ? text('', { 'content-length': '1234' })
        : prepareResponse(text('twelve bytes')),
    ),
  )
  const stated = await exchange('HEAD /stated HTTP/1.1\r\nHost: x\r\n\r\n')
  expect(stated).toMatch(/content-length: 1234\r\n/i)
  expect(stated.endsWith('\r\n\r\n')).toBe(true)
  const computed = await exchange('HEAD /body HTTP/1.1\r\nHost: x\r\n\r\n')
  expect(computed).toMatch(/content-length: 12\r\n/i)
  expect(computed.endsWith('\r\n\r\n')).toBe(true)
})

it('sends no body and no length with a 204, and keeps a recorded Date', async () => {
  await door((_, reply) =>
    reply.send({ status: 204, headers: { date: 'Mon, 01 Jan 2024 00:00:00 GMT' }, body: 'x' }),
  )
  const answer = await exchange('GET / HTTP/1.1\r\nHost: x\r\n\r\n')
  expect(answer).not.toMatch(/content-length/i)
  expect(answer.match(/^date: .*$/gim)).toEqual(['date: Mon, 01 Jan 2024 00:00:00 GMT'])
})

it('answers 500 in JSON, and keeps serving, when a response carries a field Node refuses', async () => {
  await door((request, reply) =>
    reply.send(request.path === '/bad' ? text('x', { 'x-recorded': 'line\nbreak' }) : text('ok')),
  )
  const bad = await fetch(`${server!.url}/bad`)
  expect(bad.status).toBe(500)
  expect(await bad.json()).toMatchObject({ code: 'E_INTERNAL' })
  expect(await (await fetch(`${server!.url}/good`)).text()).toBe('ok')
})

it('answers 500 when the handler throws, and resets the connection when asked', async () => {
  await door((request, reply) => {
    if (request.path === '/reset') return reply.reset()
    throw new Error('boom')
  })
  expect((await fetch(`${server!.url}/throw`)).status).toBe(500)
  await expect(fetch(`${server!.url}/reset`)).rejects.toThrow()
})

it('answers CONNECT with 501: the recorder is an endpoint, not a tunnel', async () => {
  await door((_, reply) => reply.send(text('ok')))
  const answer = await exchange(
    'CONNECT other.example:443 HTTP/1.1\r\nHost: other.example:443\r\n\r\n',
  )
  expect(answer).toMatch(/^HTTP\/1\.1 501 /)
})

it('rejects with the bind error when the port is taken', async () => {
  await door((_, reply) => reply.send(text('ok')))
  await expect(listenHttp(() => undefined, { port: server!.port })).rejects.toThrow(/EADDRINUSE/)
})

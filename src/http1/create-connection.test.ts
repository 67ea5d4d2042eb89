import { connect } from 'node:net'
import { afterEach, expect, it, vi } from 'vitest'
import type { WireRequest } from '../protocols/index.ts'
import { type Http1Options, type Listening, listenHttp1 } from './listen-http1.ts'
import type { Http1Handler } from './types.ts'

// The HTTP/1.1 behaviour of one connection, byte for byte over a real socket.
let server: Listening | undefined
afterEach(() => server?.close())

/** Answers every request with what the door made of it. */
const echo: Http1Handler = (request, reply) =>
  reply.send({
    status: reply.bodyTooLarge ? 413 : 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(describe(request)),
  })

const describe = (request: WireRequest) => ({
  method: request.method,
  path: request.path,
  query: request.query,
  headers: { ...request.headers },
  body: request.body.toString('latin1'),
})

async function start(handler: Http1Handler = echo, options: Http1Options = {}) {
  server = await listenHttp1(handler, options)
  return server
}

/**
 * Writes `parts` one at a time (each after the previous left), then collects what comes back
 * until the server closes the connection or `until` matches the text so far.
 */
function talk(
  parts: ReadonlyArray<string | Buffer>,
  until?: RegExp,
): Promise<{ text: string; closedByServer: boolean; error?: string }> {
  return new Promise((resolve) => {
    let text = ''
    const socket = connect(server!.port, '127.0.0.1', async () => {
      for (const part of parts) {
        await new Promise<void>((written) => socket.write(part, () => written()))
        await new Promise((next) => setImmediate(next))
      }
    })
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      text += chunk
      if (until?.test(text)) {
        socket.destroy()
        resolve({ text, closedByServer: false })
      }
    })
    socket.on('end', () => resolve({ text, closedByServer: true }))
    socket.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ text, closedByServer: true, error: error.code ?? error.message }),
    )
  })
}

type Answer = { status: number; headers: Record<string, string>; body: string }

/** Splits a stream of responses; `bodiless` lists the answers (by index) that carry no body. */
function answers(text: string, bodiless: number[] = []): Answer[] {
  const out: Answer[] = []
  let at = 0
  while (at < text.length) {
    const end = text.indexOf('\r\n\r\n', at)
    const [statusLine, ...lines] = text.slice(at, end).split('\r\n')
    const headers: Record<string, string> = {}
    for (const line of lines) {
      const colon = line.indexOf(':')
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim()
    }
    const status = Number(statusLine!.split(' ')[1])
    const length = bodiless.includes(out.length) ? 0 : Number(headers['content-length'] ?? 0)
    const body = Buffer.from(text.slice(end + 4), 'latin1').subarray(0, length)
    out.push({ status, headers, body: body.toString('utf8') })
    at = end + 4 + Buffer.from(body.toString('latin1'), 'latin1').length
    if (status === 100) continue
  }
  return out
}

const GET = (path: string, ...lines: string[]) =>
  [`GET ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...lines, '', ''].join('\r\n')

it('keeps an HTTP/1.1 connection open and answers with Date and keep-alive', async () => {
  await start()
  const { text } = await talk([GET('/a?x=1'), GET('/b')], /"path":"\/b"/)
  const [a, b] = answers(text)
  expect(a).toMatchObject({
    status: 200,
    headers: { connection: 'keep-alive', 'keep-alive': 'timeout=5', date: expect.any(String) },
  })
  expect(new Date(a!.headers['date']!).getTime()).toBeGreaterThan(0)
  expect(JSON.parse(a!.body)).toMatchObject({ method: 'GET', path: '/a', query: 'x=1' })
  expect(JSON.parse(b!.body)).toMatchObject({ path: '/b', query: '' })
})

it('reads a body that arrives one byte at a time', async () => {
  await start()
  const request = 'POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello world'
  const { text } = await talk([...request], /"body":"hello world"/)
  expect(JSON.parse(answers(text)[0]!.body)).toMatchObject({ body: 'hello world' })
})

it('joins a head sent one byte at a time once, not once per byte', async () => {
  await start()
  const request = GET('/slow', `X-Long: ${'a'.repeat(2000)}`)
  const concat = vi.spyOn(Buffer, 'concat')
  try {
    const { text } = await talk([...request], /"path":"\/slow"/)
    expect(answers(text)[0]).toMatchObject({ status: 200 })
    // The first 64 bytes are checked as they come (can they still start a request?); then one join.
    expect(concat.mock.calls.length).toBeLessThan(80)
  } finally {
    concat.mockRestore()
  }
})

it('reads a chunked body split across writes, then the next request on the connection', async () => {
  await start()
  const { text } = await talk(
    [
      'POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel',
      'lo\r\n6;ext=1\r\n world\r\n0\r\n',
      `Trailer-Field: x\r\n\r\n${GET('/after')}`,
    ],
    /"path":"\/after"/,
  )
  const [first, second] = answers(text)
  expect(JSON.parse(first!.body)).toMatchObject({ path: '/c', body: 'hello world' })
  expect(JSON.parse(second!.body)).toMatchObject({ path: '/after', body: '' })
})

it('answers pipelined requests in order even when the handler answers them out of order', async () => {
  const later: Array<() => void> = []
  await start((request, reply) => {
    const send = () => echo(request, reply)
    if (request.path === '/slow') later.push(send)
    else {
      send()
      setImmediate(() => later.shift()?.())
    }
  })
  const { text } = await talk([GET('/slow') + GET('/fast')], /"path":"\/fast"/)
  expect(answers(text).map((answer) => JSON.parse(answer.body).path)).toEqual(['/slow', '/fast'])
})

it('answers hundreds of pipelined requests from a client that sends them all at once', async () => {
  await start()
  const paths = Array.from({ length: 300 }, (_, n) => `/n${n}`)
  const { text } = await talk([paths.map((path) => GET(path)).join('')], /"path":"\/n299"/)
  expect(answers(text).map((answer) => JSON.parse(answer.body).path)).toEqual(paths)
})

it('pauses a pipelining client while its answers pile up unread, and loses none', async () => {
  const big = 'x'.repeat(512 * 1024)
  await start((request, reply) =>
    reply.send({ status: 200, headers: {}, body: `${request.path}:${big}` }),
  )
  const paths = Array.from({ length: 30 }, (_, n) => `/big${n}`)
  const received = await new Promise<Buffer>((resolve) => {
    const parts: Buffer[] = []
    // The rest is sent once answers flow: while ~5 MB of them wait unread, it must be held back.
    const socket = connect(server!.port, '127.0.0.1', () =>
      socket.write(
        paths
          .slice(0, 10)
          .map((path) => GET(path))
          .join(''),
      ),
    )
    socket.on('data', (chunk: Buffer) => {
      if (parts.length === 0)
        socket.write(
          paths
            .slice(10)
            .map((path) => GET(path))
            .join(''),
        )
      parts.push(chunk)
      if (Buffer.concat(parts).includes(`/big29:${big}`)) {
        socket.destroy()
        resolve(Buffer.concat(parts))
      }
    })
  })
  const bodies = answers(received.toString('latin1'))
  expect(bodies.map((answer) => answer.body.slice(0, answer.body.indexOf(':')))).toEqual(paths)
  expect(bodies.map((answer) => answer.body.length)).toEqual(
    paths.map((path) => path.length + 1 + big.length),
  )
})

it('closes after answering Connection: close, ignoring what follows', async () => {
  await start()
  const { text, closedByServer } = await talk([GET('/last', 'Connection: close') + GET('/never')])
  expect(closedByServer).toBe(true)
  const all = answers(text)
  expect(all).toHaveLength(1)
  expect(all[0]!.headers['connection']).toBe('close')
})

it('closes after answering HTTP/1.0, and keeps 1.0 open when asked to', async () => {
  await start()
  const closed = await talk(['GET /old HTTP/1.0\r\n\r\n'])
  expect(closed.closedByServer).toBe(true)
  expect(answers(closed.text)[0]).toMatchObject({ status: 200, headers: { connection: 'close' } })
  const open = await talk([
    'GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /b HTTP/1.0\r\n\r\n',
  ])
  expect(answers(open.text).map((answer) => answer.headers['connection'])).toEqual([
    'keep-alive',
    'close',
  ])
})

it('sends the length of a HEAD answer but not its body', async () => {
  await start()
  const { text } = await talk([GET('/x').replace('GET', 'HEAD') + GET('/y')], /"path":"\/y"/)
  const [head, next] = answers(text, [0])
  expect(Number(head!.headers['content-length'])).toBeGreaterThan(0)
  expect(head!.body).toBe('')
  expect(JSON.parse(next!.body)).toMatchObject({ path: '/y' })
})

it('sends 100 Continue to a client that expects it, then the answer', async () => {
  await start()
  const text = await new Promise<string>((resolve) => {
    let seen = ''
    const socket = connect(server!.port, '127.0.0.1', () =>
      socket.write(
        'PUT /e HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n',
      ),
    )
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      seen += chunk
      // The body goes only once the server asked for it.
      if (seen === 'HTTP/1.1 100 Continue\r\n\r\n') socket.write('ok')
      if (seen.includes('"body":"ok"')) {
        socket.destroy()
        resolve(seen)
      }
    })
  })
  expect(text).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK\r\n/)
})

it('flags a declared body over the limit without reading it, answers, and closes', async () => {
  await start(echo, { maxBodyBytes: 8 })
  const { text, closedByServer } = await talk([
    'PUT /big HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 9\r\n\r\n',
    '123456789',
  ])
  expect(text).not.toContain('100 Continue')
  expect(closedByServer).toBe(true)
  const [answer] = answers(text)
  expect(answer).toMatchObject({ status: 413, headers: { connection: 'close' } })
  expect(JSON.parse(answer!.body)).toMatchObject({ path: '/big', body: '' })
})

it('flags a chunked body that grows over the limit, and closes', async () => {
  await start(echo, { maxBodyBytes: 8 })
  const { text, closedByServer } = await talk([
    'PUT /big HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n12345\r\n',
    '5\r\n67890\r\n0\r\n\r\n',
  ])
  expect(closedByServer).toBe(true)
  expect(answers(text)[0]).toMatchObject({ status: 413 })
})

it.each([
  ['not HTTP', 'NOT HTTP AT ALL\r\n\r\n', 400, 'a malformed request line'],
  // At once, not after the headers timeout: no request line can start like this.
  [
    'a TLS handshake',
    '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003',
    400,
    'not HTTP/1.1',
  ],
  ['a broken header', 'GET / HTTP/1.1\r\nHost x\r\n\r\n', 400, 'a malformed header field'],
  [
    'a bad chunk size',
    'POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    400,
    'chunk size',
  ],
  ['HTTP/2 prior knowledge', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 505, 'HTTP/2.0 is not supported'],
  ['an unknown expectation', 'GET / HTTP/1.1\r\nHost: h\r\nExpect: x\r\n\r\n', 417, 'expectation'],
  [
    'headers over the limit',
    `GET / HTTP/1.1\r\nHost: h\r\nX: ${'a'.repeat(20_000)}\r\n\r\n`,
    431,
    'exceed the limit',
  ],
  [
    'an endless head',
    `GET / HTTP/1.1\r\nHost: h\r\nX: ${'a'.repeat(40_000)}`,
    431,
    'exceed the limit',
  ],
])('answers %s with a JSON error and closes', async (_, bytes, status, reason) => {
  await start()
  const { text, closedByServer } = await talk([bytes])
  expect(closedByServer).toBe(true)
  const [answer] = answers(text)
  expect(answer).toMatchObject({ status, headers: { connection: 'close' } })
  expect(JSON.parse(answer!.body)).toEqual({
    code: 'E_BAD_REQUEST',
    message: expect.stringContaining(reason),
  })
})

it('answers a request typed with bare LF line endings with 400 at once', async () => {
  await start()
  const { text } = await talk(['GET /typed HTTP/1.1\nHost: h\n\n'])
  expect(answers(text)[0]).toMatchObject({ status: 400 })
})

it('answers the requests before a malformed one, then the error', async () => {
  await start()
  const { text } = await talk([`${GET('/ok')}BROKEN\r\n\r\n`])
  expect(answers(text).map((answer) => answer.status)).toEqual([200, 400])
})

it('closes an idle keep-alive connection after its timeout, without an answer', async () => {
  await start(echo, { limits: { keepAliveTimeoutMs: 50 } })
  const { text, closedByServer } = await talk([GET('/once')])
  expect(closedByServer).toBe(true)
  expect(answers(text)).toHaveLength(1)
})

it('answers 408 when the body does not arrive within the request timeout', async () => {
  await start(echo, { limits: { requestTimeoutMs: 100 } })
  const { text } = await talk(['POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nab'])
  expect(answers(text)[0]).toMatchObject({ status: 408 })
})

it('still answers a client that half-closes after its request', async () => {
  await start()
  const answer = await new Promise<string>((resolve) => {
    let text = ''
    const socket = connect(server!.port, '127.0.0.1', () => socket.end(GET('/half')))
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      text += chunk
    })
    socket.on('close', () => resolve(text))
  })
  expect(JSON.parse(answers(answer)[0]!.body)).toMatchObject({ path: '/half' })
})

it('resets the connection when the handler asks', async () => {
  await start((_, reply) => reply.reset())
  expect((await talk([GET('/reset')])).error).toBe('ECONNRESET')
})

it('answers 500 in JSON when the handler throws, and keeps the connection', async () => {
  await start((request, reply) => {
    if (request.path === '/throw') throw new Error('boom')
    echo(request, reply)
  })
  const { text } = await talk([GET('/throw') + GET('/fine')], /"path":"\/fine"/)
  const [failed, fine] = answers(text)
  expect(failed).toMatchObject({ status: 500 })
  expect(failed!.body).not.toContain('boom')
  expect(fine).toMatchObject({ status: 200 })
})

it('writes a response as recorded: latin1 header bytes, its own Date, no stale framing fields', async () => {
  await start((_, reply) =>
    reply.send({
      status: 201,
      headers: {
        'X-Name': 'caf\u00e9',
        Date: 'Mon, 23 Nov 2026 12:00:00 GMT',
        'Transfer-Encoding': 'chunked',
        'Content-Length': '999',
        Connection: 'close',
      },
      body: '\u00e9t\u00e9',
    }),
  )
  const { text } = await talk([GET('/rec')], /\r\n\r\n.+$/s)
  expect(text.split('\r\n\r\n')[0]).toBe(
    [
      'HTTP/1.1 201 Created',
      'X-Name: caf\u00e9',
      'Date: Mon, 23 Nov 2026 12:00:00 GMT',
      'content-length: 5',
      'Connection: keep-alive',
      'Keep-Alive: timeout=5',
    ].join('\r\n'),
  )
  expect(Buffer.from(text.split('\r\n\r\n')[1]!, 'latin1').toString('utf8')).toBe('\u00e9t\u00e9')
})

it('sends no body and no length with a 204', async () => {
  await start((_, reply) => reply.send({ status: 204, headers: {}, body: 'ignored' }))
  const { text } = await talk([GET('/a') + GET('/b')], /(HTTP\/1\.1 204[\s\S]*){2}/)
  expect(text).not.toContain('content-length')
  expect(text).not.toContain('ignored')
})

it('refuses a connection past the cap, closes every connection on close, and closes twice', async () => {
  await start(echo, { limits: { maxConnections: 1 } })
  const held = connect(server!.port, '127.0.0.1')
  await new Promise((resolve) => held.on('connect', resolve))
  const refused = await talk([GET('/over')])
  expect(refused).toMatchObject({ text: '', closedByServer: true })
  const gone = new Promise((resolve) => held.on('close', resolve))
  await server!.close()
  await gone
  await server!.close()
})

it('rejects with the bind error when the port is taken', async () => {
  const first = await start()
  await expect(listenHttp1(echo, { port: first.port })).rejects.toMatchObject({
    code: 'EADDRINUSE',
  })
})

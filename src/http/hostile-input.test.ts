import { connect } from 'node:net'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Listening, listenHttp } from './listen-http.ts'

// Generated garbage and mangled requests, written in pieces: the door answers each with an HTTP
// status or closes, never crashes, never answers 500, never hangs, and keeps serving afterwards.
// Seeded; HTTP_SEED and HTTP_RUNS override the defaults.
const SEED = Number(process.env['HTTP_SEED'] ?? 20261124)
const RUNS = Number(process.env['HTTP_RUNS'] ?? 1000)

let server: Listening
beforeAll(async () => {
  server = await listenHttp(
    (request, reply) =>
      reply.send({
        status: reply.bodyTooLarge ? 413 : 200,
        headers: { 'content-type': 'text/plain' },
        body: `${request.method} ${request.path} ${request.body.length}`,
      }),
    { maxBodyBytes: 256, limits: { headersTimeoutMs: 300, requestTimeoutMs: 600 } },
  )
})
afterAll(() => server.close())

/** Writes `pieces`, ends the client's side, and resolves with all the server sent until it closed. */
function send(pieces: readonly Buffer[]): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    const socket = connect(server.port, '127.0.0.1', () => {
      for (const piece of pieces) socket.write(piece)
      socket.end()
    })
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      text += chunk
    })
    socket.on('close', () => resolve(text))
    // A reset is an answer too (the server refused mid-stream); anything else is a failure.
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE' ? resolve(text) : reject(error),
    )
  })
}

const valid = fc.constantFrom(
  'GET /a?b=c HTTP/1.1\r\nHost: x\r\n\r\n',
  'POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello',
  'PUT /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;e=1\r\nabc\r\n0\r\nT: 1\r\n\r\n',
  'POST /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok',
  'GET / HTTP/1.0\r\n\r\n',
)

/** A valid request with bytes flipped, inserted, deleted or the text cut short. */
const mangled = fc
  .tuple(
    valid,
    fc.array(
      fc.record({
        at: fc.nat(),
        op: fc.constantFrom('flip', 'insert', 'delete', 'cut'),
        byte: fc.integer({ min: 0, max: 255 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([text, edits]) => {
    let bytes = [...Buffer.from(text, 'latin1')]
    for (const { at, op, byte } of edits) {
      const i = at % (bytes.length + 1)
      if (op === 'flip') bytes[i] = byte
      else if (op === 'insert') bytes.splice(i, 0, byte)
      else if (op === 'delete') bytes.splice(i, 1)
      else bytes = bytes.slice(0, i)
    }
    return Buffer.from(bytes)
  })

const input = fc.oneof(
  fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes)),
  mangled,
  // Several requests pipelined, one of them mangled.
  fc
    .tuple(valid, mangled, valid)
    .map(([a, b, c]) => Buffer.concat([Buffer.from(a), b, Buffer.from(c)])),
)

function pieces(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const at = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b)
  return [0, ...at].map((from, i) => bytes.subarray(from, at[i] ?? bytes.length))
}

it('answers generated garbage and mangled requests with a status or a close, never a 500', async () => {
  await fc.assert(
    fc.asyncProperty(input, fc.array(fc.nat(), { maxLength: 5 }), async (bytes, cuts) => {
      const text = await send(pieces(bytes, cuts))
      // Every answer in the stream is a status line of a known class; none is an internal error.
      for (const [, status] of text.matchAll(/HTTP\/1\.1 (\d{3}) /g)) {
        expect(Number(status)).toBeGreaterThanOrEqual(100)
        expect(Number(status)).not.toBe(500)
      }
      if (text !== '') expect(text).toMatch(/^HTTP\/1\.1 \d{3} /)
    }),
    { seed: SEED, numRuns: RUNS },
  )
  expect(
    await send([Buffer.from('GET /after HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')]),
  ).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*GET \/after 0$/)
}, 60_000)

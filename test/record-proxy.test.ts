/**
 * The recording proxy by the RFCs, checked on the bytes an upstream receives: a raw upstream
 * (node:net, no HTTP library) logs every byte and answers with exactly the bytes it is told to,
 * compressed, binary or Latin-1; record → replay must hand the client those same bytes.
 */
import { mkdtempSync } from 'node:fs'
import { connect, createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { afterEach, expect, it } from 'vitest'
import type { WireRequest } from '../src/protocols/index.ts'
import { startRecorder } from '../src/record/index.ts'
import { startReplayServer } from '../src/replay/index.ts'
import { readTape } from '../src/tapes/index.ts'
import { imageRequest } from './support/build-tape.ts'

type Upstream = { url: string; host: string; received: Buffer[]; close(): Promise<void> }
const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

/** A raw HTTP/1.1 upstream: logs each request's bytes, answers `answer(request)` and closes. */
async function rawUpstream(answer: (request: Buffer) => Buffer): Promise<Upstream> {
  const received: Buffer[] = []
  const server: Server = createServer((socket) => {
    let input = Buffer.alloc(0)
    socket.on('data', (chunk: Buffer) => {
      input = Buffer.concat([input, chunk])
      const end = input.indexOf('\r\n\r\n')
      if (end === -1) return
      const length = Number(
        /\r\ncontent-length: *(\d+)/i.exec(input.subarray(0, end).toString())?.[1] ?? 0,
      )
      if (input.length < end + 4 + length) return
      const request = input.subarray(0, end + 4 + length)
      received.push(request)
      socket.end(answer(request))
    })
    socket.on('error', () => undefined)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  const upstream = {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
  closers.push(upstream.close)
  return upstream
}

/** A raw response: status line, fields in order (repeats kept), the exact body. */
function response(fields: Array<[string, string]>, body: Buffer, status = '200 OK'): Buffer {
  const head = fields.map(([name, value]) => `${name}: ${value}\r\n`).join('')
  return Buffer.concat([
    Buffer.from(`HTTP/1.1 ${status}\r\n${head}content-length: ${body.length}\r\n\r\n`, 'latin1'),
    body,
  ])
}

/** Sends raw request bytes and resolves with the raw answer (head as latin1, body as bytes). */
function send(port: number, bytes: Buffer): Promise<{ head: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes))
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      const all = Buffer.concat(chunks)
      const end = all.indexOf('\r\n\r\n')
      if (end === -1) return
      const head = all.subarray(0, end).toString('latin1')
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0)
      const isHead = bytes.subarray(0, 5).toString() === 'HEAD '
      const want = end + 4 + (isHead ? 0 : length)
      if (all.length >= want) {
        socket.destroy()
        resolve({ head, body: all.subarray(end + 4, want) })
      }
    })
    socket.on('error', reject)
  })
}

/** A signed call as raw bytes, with extra fields and the request target given. */
function rawCall(
  request: WireRequest,
  { target = '/', method = request.method, extra = [] as string[] } = {},
) {
  const fields = Object.entries(request.headers)
    .filter(([name]) => name !== 'content-length')
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')
  const query = request.query ? `?${request.query}` : ''
  return Buffer.concat([
    Buffer.from(
      `${method} ${target}${query} HTTP/1.1\r\n${fields}${extra.map((f) => `${f}\r\n`).join('')}content-length: ${method === 'HEAD' ? 0 : request.body.length}\r\n\r\n`,
      'latin1',
    ),
    method === 'HEAD' ? Buffer.alloc(0) : request.body,
  ])
}

async function recorderFor(upstream: Upstream) {
  const tape = join(mkdtempSync(join(tmpdir(), 'tapedeck-proxy-')), 'proxy.har')
  const recorder = await startRecorder({ upstream: upstream.url, tape })
  let closed = false
  const close = async () => {
    if (!closed) await recorder.close()
    closed = true
  }
  closers.push(close)
  return { recorder, tape, close }
}

it('forwards origin-form with the upstream Host and none of the hop-by-hop fields (RFC 9110 §7.6.1)', async () => {
  const upstream = await rawUpstream(() =>
    response([['content-type', 'application/json']], Buffer.from('{"RequestId":"r"}')),
  )
  const { recorder, tape, close } = await recorderFor(upstream)
  const request = imageRequest([{ ImageId: 'a', Title: 'one' }], { endpoint: recorder.url })
  await send(
    recorder.port,
    rawCall(request, {
      target: 'http://other.example/',
      extra: [
        'Connection: keep-alive, X-Hop-Named',
        'X-Hop-Named: 1',
        'Keep-Alive: timeout=99',
        'TE: trailers',
        'Proxy-Connection: keep-alive',
        'X-End-To-End: kept',
      ],
    }),
  )
  const sent = upstream.received[0]!.toString('latin1')
  expect(sent).toMatch(/^POST \/ HTTP\/1\.1\r\n/)
  expect(sent).toMatch(new RegExp(`\\r\\nhost: ${upstream.host}\\r\\n`, 'i'))
  expect(sent).toMatch(/\r\nx-end-to-end: kept\r\n/i)
  for (const field of [
    'x-hop-named',
    'keep-alive: timeout=99',
    'te:',
    'proxy-connection',
    'other.example',
  ])
    expect(sent.toLowerCase()).not.toContain(field)
  // The tape keeps what went upstream: no connection-level field, not even one Connection named.
  await close()
  const [entry] = (await readTape(tape)).tape.log.entries
  const names = entry!.request.headers.map((h) => h.name)
  expect(names).toContain('x-end-to-end')
  for (const name of ['connection', 'x-hop-named', 'keep-alive', 'te', 'proxy-connection'])
    expect(names).not.toContain(name)
})

it('answers with the upstream fields as sent: repeated Set-Cookie kept, hop-by-hop ones dropped', async () => {
  const upstream = await rawUpstream(() =>
    response(
      [
        ['content-type', 'application/json'],
        ['set-cookie', 'a=1; Path=/'],
        ['set-cookie', 'b=2, c=3'],
        ['connection', 'close, x-upstream-hop'],
        ['x-upstream-hop', 'secret'],
        ['keep-alive', 'timeout=99'],
      ],
      Buffer.from('{"RequestId":"r"}'),
    ),
  )
  const { recorder, tape, close } = await recorderFor(upstream)
  const request = imageRequest([{ ImageId: 'a', Title: 'cookies' }], { endpoint: recorder.url })
  const { head } = await send(recorder.port, rawCall(request))
  expect(head.match(/^set-cookie: .*$/gim)).toEqual([
    'set-cookie: a=1; Path=/',
    'set-cookie: b=2, c=3',
  ])
  expect(head.toLowerCase()).not.toContain('x-upstream-hop')
  expect(head).not.toContain('timeout=99')
  await close()
  // Cookies are redacted on tape, each one: two fields stay two fields.
  const [entry] = (await readTape(tape)).tape.log.entries
  expect(
    entry!.response.headers.filter((h) => h.name === 'set-cookie').map((h) => h.value),
  ).toEqual(['redacted:set-cookie', 'redacted:set-cookie'])
  expect(entry!.response.headers.map((h) => h.name)).not.toContain('x-upstream-hop')
  // The tape names the host the call went to, as its URL does, not the proxy's address.
  expect(entry!.request.headers.find((h) => h.name === 'host')?.value).toBe(upstream.host)
  expect(new URL(entry!.request.url).host).toBe(upstream.host)
})

it("keeps a HEAD answer's length from the upstream", async () => {
  const upstream = await rawUpstream(() =>
    Buffer.from(
      'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 4321\r\n\r\n',
    ),
  )
  const { recorder } = await recorderFor(upstream)
  const request = imageRequest([{ ImageId: 'a' }], { endpoint: recorder.url })
  const { head } = await send(recorder.port, rawCall(request, { method: 'HEAD' }))
  expect(head).toMatch(/^HTTP\/1\.1 200 /)
  expect(head).toMatch(/\r\ncontent-length: 4321(\r\n|$)/i)
})

const BODIES = {
  gzip: {
    fields: [
      ['content-type', 'application/json'],
      ['content-encoding', 'gzip'],
    ] as Array<[string, string]>,
    body: gzipSync('{"RequestId":"gzip","NonExistImageIds":{"ImageId":[]}}'),
  },
  br: {
    fields: [
      ['content-type', 'application/json'],
      ['content-encoding', 'br'],
    ] as Array<[string, string]>,
    body: brotliCompressSync('{"RequestId":"br","NonExistImageIds":{"ImageId":[]}}'),
  },
  image: {
    fields: [['content-type', 'image/png']] as Array<[string, string]>,
    body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80]),
  },
  latin1: {
    fields: [['content-type', 'text/plain; charset=iso-8859-1']] as Array<[string, string]>,
    body: Buffer.from('caf\xe9 cr\xe8me br\xfbl\xe9e', 'latin1'),
  },
}

it('records and replays gzip, br, binary and Latin-1 bodies byte for byte, with their fields', async () => {
  const kinds = Object.keys(BODIES) as Array<keyof typeof BODIES>
  const upstream = await rawUpstream((request) => {
    const kind = kinds.find((k) => request.includes(`%22${k}%22`))!
    return response(BODIES[kind].fields, BODIES[kind].body)
  })
  const { recorder, tape, close } = await recorderFor(upstream)
  const calls = kinds.map((kind) =>
    imageRequest([{ ImageId: 'a', Title: kind }], { endpoint: recorder.url }),
  )
  const direct = []
  for (const call of calls) direct.push(await send(recorder.port, rawCall(call)))
  await close()
  const replay = await startReplayServer({ tapes: [await readTape(tape)] })
  closers.push(() => replay.close())
  for (const [i, kind] of kinds.entries()) {
    expect(direct[i]!.body, `${kind} through the recorder`).toEqual(BODIES[kind].body)
    const replayed = await send(replay.port, rawCall(calls[i]!))
    expect(replayed.body, `${kind} replayed`).toEqual(BODIES[kind].body)
    for (const [name, value] of BODIES[kind].fields)
      expect(replayed.head.toLowerCase(), kind).toContain(`${name}: ${value}`)
  }
  const entries = (await readTape(tape)).tape.log.entries
  expect(entries.map((entry) => entry.response.content.encoding)).toEqual([
    'base64',
    'base64',
    'base64',
    'base64',
  ])
})

it('replays a compressed body decoded to a client whose Accept-Encoding refuses its coding', async () => {
  const upstream = await rawUpstream(() => response(BODIES.gzip.fields, BODIES.gzip.body))
  const { recorder, tape, close } = await recorderFor(upstream)
  const call = imageRequest([{ ImageId: 'a', Title: 'gzip' }], { endpoint: recorder.url })
  await send(recorder.port, rawCall(call))
  await close()
  const replay = await startReplayServer({ tapes: [await readTape(tape)] })
  closers.push(() => replay.close())
  const refusing = await send(replay.port, rawCall(call, { extra: ['Accept-Encoding: identity'] }))
  expect(refusing.body).toEqual(gunzipSync(BODIES.gzip.body))
  expect(refusing.head.toLowerCase()).not.toContain('content-encoding')
  const accepting = await send(replay.port, rawCall(call, { extra: ['Accept-Encoding: gzip'] }))
  expect(accepting.body).toEqual(BODIES.gzip.body)
})

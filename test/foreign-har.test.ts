/**
 * HAR files of other recorders in: a real Polly.JS recording (`@pollyjs/persister-fs`) of the
 * official SDKs calling `serve`, and a devtools-shaped and a mitmproxy-style HAR made from it, are
 * replayed to the same SDKs (entries classified through the catalogue at load, other entries
 * reported and skipped), linted, and imported into a redacted tape.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, expect, it } from 'vitest'
import { loadReplayTape, startReplayServer } from '../src/replay/index.ts'
import { startServer } from '../src/server/index.ts'
import { DEFAULT_CREDENTIALS } from '../src/simulator/index.ts'
import { lintTape, readTape } from '../src/tapes/index.ts'
import { fixtureSessions, type Outcome, outcomeOf } from './support/fixture-sessions.ts'
import { recordWithPolly } from './support/record-with-polly.ts'
import { runCli } from './support/run-cli.ts'

// The sessions the SDKs make over node:http (what Polly's node-http adapter records); the token
// session is the reference client on fetch.
const sessions = fixtureSessions.filter((session) => !session.tape.includes('token'))
const calls = sessions.flatMap((session) => session.calls)
const dir = mkdtempSync(join(tmpdir(), 'tapedeck-foreign-'))
let live: Outcome[]
let pollyFile: string
// biome-ignore lint/suspicious/noExplicitAny: HAR documents are edited by shape.
let polly: any
const closers: Array<() => unknown> = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

const SECRETS = [
  DEFAULT_CREDENTIALS.alibaba.accessKeySecret,
  DEFAULT_CREDENTIALS.alibaba.accessKeyId,
  DEFAULT_CREDENTIALS.tencent.secretId,
  DEFAULT_CREDENTIALS.tencent.secretKey,
  DEFAULT_CREDENTIALS.huawei.ak,
  DEFAULT_CREDENTIALS.huawei.sk,
]

beforeAll(async () => {
  let ids = 0
  // The SDKs stamp requests with the wall clock, so the server runs on real time.
  const server = await startServer({
    port: 0,
    requestId: () => `POLLY-${String(++ids).padStart(4, '0')}`,
  })
  try {
    ;({ file: pollyFile, live } = await recordWithPolly(
      'sdk-calls',
      dir,
      calls,
      outcomeOf,
      server.url,
    ))
  } finally {
    await server.close()
  }
  polly = JSON.parse(readFileSync(pollyFile, 'utf8'))
}, 60_000)

/** Outcomes with any local address made one (the recording and the replay ports differ). */
const unlocal = (outcomes: unknown) =>
  JSON.parse(JSON.stringify(outcomes).replace(/127\.0\.0\.1:\d+/g, '<local>'))

async function replayedBy(url: string): Promise<Outcome[]> {
  const out: Outcome[] = []
  for (const call of calls) out.push(await outcomeOf(call, url))
  return out
}

async function serveFile(file: string) {
  const server = await startReplayServer({ tapes: [await loadReplayTape(file)] })
  closers.push(() => server.close())
  return server
}

const write = (name: string, document: unknown) => {
  const file = join(dir, name)
  writeFileSync(file, JSON.stringify(document, null, 2))
  return file
}

/** The Polly recording as Chrome devtools saves one, with a page's other requests around the SDK calls. */
function devtoolsHar() {
  const origin = new URL(polly.log.entries[0].request.url).origin
  const host = new URL(origin).host
  // biome-ignore lint/suspicious/noExplicitAny: HAR entries are edited by shape.
  const calls = polly.log.entries.map((entry: any, i: number) => {
    const { _id, _order, ...rest } = entry
    const http2 = i % 2 === 0
    // Devtools writes every header value as text.
    const headers = entry.request.headers
      .filter((h: { name: string }) => !(http2 && h.name === 'host'))
      .map((h: { name: string; value: unknown }) => ({ name: h.name, value: String(h.value) }))
    const url = new URL(entry.request.url)
    return {
      ...rest,
      _initiator: { type: 'script' },
      _priority: 'High',
      _resourceType: 'fetch',
      pageref: 'page_1',
      serverIPAddress: '127.0.0.1',
      connection: '4711',
      request: {
        ...entry.request,
        httpVersion: http2 ? 'http/2.0' : 'http/1.1',
        headers: http2
          ? [
              { name: ':authority', value: host },
              { name: ':method', value: entry.request.method },
              { name: ':path', value: `${url.pathname}${url.search}` },
              { name: ':scheme', value: 'http' },
              ...headers,
            ]
          : headers,
      },
      response: {
        ...entry.response,
        _transferSize: entry.response.bodySize + 200,
        _error: null,
        content: { ...entry.response.content, compression: 0 },
      },
    }
  })
  const page = (path: string, status: number, mimeType: string, text: string) => ({
    _initiator: { type: 'other' },
    _resourceType: 'document',
    pageref: 'page_1',
    startedDateTime: polly.log.entries[0].startedDateTime,
    time: 3,
    request: {
      method: 'GET',
      url: `${origin}${path}`,
      httpVersion: 'http/1.1',
      headers: [{ name: 'Host', value: host }],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status,
      statusText: '',
      httpVersion: 'http/1.1',
      headers: [],
      cookies: [],
      content: { size: text.length, mimeType, text },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
      _transferSize: 0,
      _error: status === 0 ? 'net::ERR_BLOCKED_BY_CLIENT' : null,
    },
    cache: {},
    timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait: 3, receive: 0 },
  })
  return {
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [
        {
          startedDateTime: polly.log.entries[0].startedDateTime,
          id: 'page_1',
          title: `${origin}/app`,
          pageTimings: { onContentLoad: 12, onLoad: 30 },
        },
      ],
      entries: [
        page('/app', 200, 'text/html', '<!doctype html><title>app</title>'),
        ...calls,
        page('/favicon.ico', 404, 'text/plain', 'not found'),
        page('/tracker.js', 0, 'x-unknown', ''),
      ],
    },
  }
}

/** The Polly recording as a mitmproxy HAR export: its own `_` fields on the log, entries and messages. */
function mitmproxyHar() {
  return {
    log: {
      version: '1.2',
      creator: { name: 'mitmproxy', version: '11.0.2', comment: 'mitmproxy version 11.0.2' },
      pages: [],
      // biome-ignore lint/suspicious/noExplicitAny: HAR entries are edited by shape.
      entries: polly.log.entries.map(({ _id, _order, ...entry }: any, i: number) => ({
        ...entry,
        _flowId: `flow-${i}`,
        _resourceType: 'xhr',
        serverIPAddress: '127.0.0.1',
        request: {
          ...entry.request,
          headers: entry.request.headers.map((h: { name: string; value: unknown }) => ({
            name: h.name,
            value: String(h.value),
          })),
          _tlsVersion: null,
        },
        response: { ...entry.response, _websocketMessages: [], _transferSize: -1 },
        timings: { ...entry.timings, _clientConnect: 0.1 },
      })),
    },
  }
}

it('replays a real Polly.JS recording of the official SDKs to the same SDKs, answers as recorded', async () => {
  // Polly writes qcloudapi-sdk's numeric Content-Length as a JSON number, which HAR 1.2 (and so
  // har-validator) refuses; tapedeck reads it as its text.
  const validate = await import('har-validator')
  await expect(validate.har(polly)).rejects.toMatchObject({
    errors: [
      expect.objectContaining({ message: 'should be string' }),
      expect.anything(),
      expect.anything(),
    ],
  })
  expect(polly.log.creator.name).toBe('Polly.JS')
  expect(polly.log.entries).toHaveLength(calls.length)
  const loaded = await loadReplayTape(pollyFile)
  expect(loaded.skipped).toBeUndefined()
  const server = await serveFile(pollyFile)
  expect(unlocal(await replayedBy(server.url))).toEqual(unlocal(live))
})

it('replays a devtools HAR to the SDKs, and reports the page, favicon and blocked entries as skipped', async () => {
  const document = devtoolsHar()
  const validate = await import('har-validator')
  await expect(validate.har(document)).resolves.toBe(document)
  const file = write('devtools.har', document)
  const loaded = await loadReplayTape(file)
  const last = document.log.entries.length - 1
  expect(loaded.skipped?.map(({ entry }) => entry)).toEqual([0, last - 1, last])
  expect(loaded.skipped?.[0]?.reason).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/app: not a call/)
  expect(loaded.skipped?.[2]?.reason).toContain('no response was recorded (status 0)')
  const server = await serveFile(file)
  expect(unlocal(await replayedBy(server.url))).toEqual(unlocal(live))
})

it('replays a mitmproxy-style HAR to the SDKs, its own _ fields ignored', async () => {
  const file = write('mitmproxy.har', mitmproxyHar())
  const server = await serveFile(file)
  expect(unlocal(await replayedBy(server.url))).toEqual(unlocal(live))
})

it('tapedeck replay names each skipped entry at load, then serves the rest', async () => {
  const file = write('devtools-cli.har', devtoolsHar())
  const cli = runCli(['replay', file, '--dir', dir, '--port', '0', '--quiet'])
  closers.push(() => cli.child.kill('SIGKILL'))
  const [, url] = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  expect(cli.output()).toMatch(
    /tapedeck replay: skipped \S+devtools-cli\.har log\.entries\[0\]: GET http:\/\/127\.0\.0\.1:\d+\/app: not a call of any scheme tapedeck knows/,
  )
  expect(cli.output()).not.toMatch(/Signature=|AccessKeyId=/)
  const [first] = calls
  expect(unlocal([await outcomeOf(first!, url!)])).toEqual(unlocal(live.slice(0, 1)))
})

it('lint reads a foreign HAR: the skipped entries and the unredacted Tencent SecretId are issues, nothing else', async () => {
  const issues = lintTape(await readTape(write('devtools-lint.har', devtoolsHar())))
  const codes = new Set(issues.map((issue) => issue.code))
  expect([...codes].sort()).toEqual(['secret', 'skipped'])
  expect(issues.filter((issue) => issue.code === 'skipped')).toHaveLength(3)
})

it('tapedeck import writes a tape with no secret from the Polly, devtools and mitmproxy files, which replays to the SDKs', async () => {
  const inputs = [
    pollyFile,
    write('devtools-import.har', devtoolsHar()),
    write('mitm-import.har', mitmproxyHar()),
  ]
  const out = join(dir, 'imported.har')
  const cli = runCli(['import', ...inputs, '--out', out, '--dir', dir])
  expect(await cli.exited, cli.errors()).toBe(0)
  expect(cli.output()).toContain(`wrote ${calls.length * 3} interaction(s) from 3 file(s)`)
  expect(cli.output()).toContain('(3 skipped)')
  const text = readFileSync(out, 'utf8')
  for (const secret of SECRETS) expect(text.includes(secret), secret.slice(0, 4)).toBe(false)
  expect(text).not.toMatch(/"_id"|"_initiator"|"_flowId"/)
  const tape = await readTape(out)
  expect(tape.tape.log.entries.every((entry) => entry._tapedeck.redactions.length > 0)).toBe(true)
  expect(lintTape(tape).filter((issue) => issue.code !== 'duplicate')).toEqual([])
  const validate = await import('har-validator')
  const document = JSON.parse(text)
  await expect(validate.har(document)).resolves.toBe(document)
  const server = await serveFile(out)
  expect(unlocal(await replayedBy(server.url))).toEqual(unlocal(live))
})

it('tapedeck import refuses a file whose answer echoes a key it cannot redact, naming the kind, never the value', async () => {
  const document = JSON.parse(JSON.stringify(polly))
  document.log.entries[0].response.content.text = JSON.stringify({
    RequestId: 'x',
    Message: `key ${DEFAULT_CREDENTIALS.tencent.secretId}`,
  })
  const out = join(dir, 'leaky.har')
  const cli = runCli(['import', write('leaky-in.har', document), '--out', out, '--dir', dir])
  expect(await cli.exited).toBe(1)
  expect(cli.errors()).toContain('Tencent SecretId (AKID…)')
  expect(cli.errors()).toContain('nothing was written')
  expect(cli.errors() + cli.output()).not.toContain(DEFAULT_CREDENTIALS.tencent.secretId)
  expect(existsSync(out)).toBe(false)
})

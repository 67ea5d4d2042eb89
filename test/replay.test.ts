/**
 * The replay engine through real sockets: sequences, near-miss reports, modes, signature checks,
 * expiry and tape validation.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { expect, it } from 'vitest'
import { updateImageInfos } from '../src/catalog/index.ts'
import { sendWire, signCall, testCredentials } from '../src/client/index.ts'
import { TapedeckError } from '../src/errors.ts'
import {
  actionFor,
  createReplayer,
  parseDuration,
  REPLAY_MODES,
  testKeyRing,
} from '../src/replay/index.ts'
import { readTape, writeTape } from '../src/tapes/index.ts'
import { buildTape, imageRequest, okResponse } from './support/build-tape.ts'
import { parseStrictXml } from './support/parse-strict-xml.ts'
import { imageItem, replayServers } from './support/replay-servers.ts'
import { T0 } from './support/start-test-server.ts'

const serve = replayServers()
const item = imageItem
const markerOf = (body: string) => (JSON.parse(body) as { RequestId: string }).RequestId

it('serves repeated identical requests the recorded responses in order, then repeats the last', async () => {
  const tape = buildTape([
    [imageRequest(item('a')), okResponse('first')],
    [imageRequest(item('a')), okResponse('second')],
  ])
  const server = await serve({ tapes: [tape] })
  const markers = []
  for (let i = 0; i < 3; i++) {
    // A fresh nonce and timestamp each time: not part of the match key.
    const response = await sendWire(
      server.url,
      imageRequest(item('a'), { now: () => T0 + i * 1000 }),
    )
    markers.push(markerOf(response.body))
  }
  expect(markers).toEqual(['first', 'second', 'second'])
})

it('answers a miss in the vendor envelope (the report as JSON too) and logs it on one line', async () => {
  const lines: string[] = []
  const server = await serve({
    tapes: [buildTape([[imageRequest(item('a')), okResponse('first')]], { source: 'a.har' })],
    log: (line) => lines.push(line),
    requestId: () => 'MISS-1',
  })
  const response = await sendWire(server.url, imageRequest(item('b')))
  const body = JSON.parse(response.body)
  // A client error, like every scheme's miss, not a 5xx a client would retry.
  expect(response.status).toBe(404)
  expect(body).toMatchObject({ Code: 'TapedeckNoRecording', RequestId: 'MISS-1' })
  expect(body.Recommend).toContain('q=TapedeckNoRecording&')
  expect(body.Message).toMatchInlineSnapshot(
    `"Failed to replay "POST /": no recording matched; closest recording a.har entry 0 differs in 1 field(s): UpdateContent[0].Title: recorded "a", got "b""`,
  )
  expect(JSON.parse(response.headers['x-tapedeck-near-miss']!)).toEqual(body.TapedeckNearMiss)
  expect(body.TapedeckNearMiss).toMatchObject({
    source: 'a.har entry 0',
    differences: [{ path: 'UpdateContent[0].Title' }],
  })
  // One line for the request, its near-miss report on it (it used to add two more lines).
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/ alibaba-vod\.UpdateImageInfos → 404 TapedeckNoRecording miss /)
  expect(lines[0]).toContain('UpdateContent[0].Title: recorded "a", got "b"')
})

it('never calls the upstream in replay mode, even when one is configured', async () => {
  let forwarded = 0
  const replayer = createReplayer({
    tapes: [buildTape([[imageRequest(item('a')), okResponse('first')]])],
    forward: async () => {
      forwarded += 1
      return okResponse('network')
    },
  })
  const answer = await replayer.handle(imageRequest(item('other')))
  expect(answer.nearMiss?.differences).toHaveLength(1)
  expect(forwarded).toBe(0)
})

it('forwards and records a miss in record-missing mode and serves a hit from the tape', async () => {
  const recorded: string[] = []
  const replayer = createReplayer({
    tapes: [buildTape([[imageRequest(item('a')), okResponse('taped')]])],
    mode: 'record-missing',
    forward: async () => okResponse('network'),
    record: async (_request, response) => {
      recorded.push(markerOf(String(response.body)))
    },
  })
  expect(markerOf(String((await replayer.handle(imageRequest(item('a')))).response.body))).toBe(
    'taped',
  )
  expect(markerOf(String((await replayer.handle(imageRequest(item('new')))).response.body))).toBe(
    'network',
  )
  expect(markerOf(String((await replayer.handle(imageRequest(item('new')))).response.body))).toBe(
    'network',
  )
  expect(recorded).toEqual(['network'])
})

it('documents every mode in one exhaustive table', () => {
  const table = REPLAY_MODES.map((mode) => [mode, actionFor(mode, true), actionFor(mode, false)])
  expect(table).toEqual([
    ['replay', 'serve', 'miss'],
    ['record-missing', 'serve', 'forward-and-record'],
    ['record-all', 'forward-and-record', 'forward-and-record'],
    ['passthrough', 'forward', 'forward'],
  ])
})

it('refuses a mode that forwards when no upstream is given', () => {
  expect(() => createReplayer({ tapes: [], mode: 'passthrough' })).toThrow(/give --upstream/)
})

it('checks signatures against the test credentials with verifySignatures', async () => {
  const server = await serve({
    tapes: [buildTape([[imageRequest(item('a')), okResponse('first')]])],
    verifySignatures: testKeyRing(),
  })
  const good = await sendWire(server.url, imageRequest(item('a'), { now: Date.now }))
  expect(markerOf(good.body)).toBe('first')
  const bad = await sendWire(
    server.url,
    imageRequest(item('a'), { now: Date.now, secret: 'wrong' }),
  )
  expect(JSON.parse(bad.body)).toMatchObject({ Code: 'SignatureDoesNotMatch' })
})

it('fails an expired tape with the command that re-records it', () => {
  const tape = buildTape([[imageRequest(item('a')), okResponse('first')]], {
    recordedAt: T0 - 45 * 86_400_000,
    source: 'recordings/vod.har',
  })
  const load = () =>
    createReplayer({ tapes: [tape], maxAgeMs: parseDuration('30d'), now: () => T0 })
  expect(load).toThrow(TapedeckError)
  expect(load).toThrowErrorMatchingInlineSnapshot(
    `[TapedeckError: Failed to replay "recordings/vod.har": recorded 2026-10-09T12:00:00.000Z (45 days ago), older than the maximum age; re-record it with: tapedeck record --upstream https://vod.cn-shanghai.aliyuncs.com --tape recordings/vod.har]`,
  )
  expect(() =>
    createReplayer({ tapes: [tape], maxAgeMs: parseDuration('60d'), now: () => T0 }),
  ).not.toThrow()
})

it('fails a bad tape naming the file, the entry index and the field', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-tape-'))
  const file = join(dir, 'bad.har')
  const { tape } = buildTape([
    [imageRequest(item('a')), okResponse('first')],
    [imageRequest(item('b')), okResponse('second')],
  ])
  const broken = JSON.parse(JSON.stringify(tape))
  broken.log.entries[1].response.status = 'ok'
  writeFileSync(file, JSON.stringify(broken))
  await expect(readTape(file)).rejects.toThrow(
    `Failed to load tape "${file}": log.entries[1].response.status: Invalid input: expected number, received string`,
  )
})

it('refuses to write a tape holding a configured secret or a vendor key id, and writes nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-leak-'))
  const file = join(dir, 'leak.har')
  const { tape } = buildTape([[imageRequest(item('a')), okResponse('LTAI5tAbCdEfGhIjKlMnOpQr')]])
  await expect(writeTape(file, tape)).rejects.toThrow(
    `Failed to write tape "${file}": it would contain Alibaba AccessKeyId (LTAI…); nothing was written`,
  )
  const secretTape = buildTape([[imageRequest(item('my-secret-value')), okResponse('x')]]).tape
  await expect(writeTape(file, secretTape, ['my-secret-value'])).rejects.toThrow(
    /configured secret/,
  )
  await writeTape(file, buildTape([[imageRequest(item('a')), okResponse('x')]]).tape)
  expect(JSON.parse(readFileSync(file, 'utf8')).log.entries).toHaveLength(1)
})

it('answers a miss of an XML request in the XML envelope with the near-miss text', async () => {
  const server = await serve({ tapes: [buildTape([[imageRequest(item('a')), okResponse('x')]])] })
  const xml = signCall(
    { endpoint: server.url, credentials: testCredentials(), now: () => T0 },
    updateImageInfos,
    { UpdateContent: JSON.stringify(item('b')) },
    { variant: 'POST', format: 'xml' },
  )
  const response = await sendWire(server.url, xml)
  expect(response.body).toContain('<Code>TapedeckNoRecording</Code>')
  expect(response.status).toBe(404)
  expect(response.body).toContain('q=TapedeckNoRecording&amp;')
  // Escaped as the scheme escapes its other envelopes (the quotes too), and read back exactly.
  expect(response.body).toContain('got &quot;b&quot;</Message>')
  expect(XMLValidator.validate(response.body)).toBe(true)
  expect(new XMLParser().parse(response.body).Error.Message).toBe(
    'Failed to replay "POST /": no recording matched; closest recording memory.har entry 0 differs in 2 field(s): format: recorded "json", got "xml"; UpdateContent[0].Title: recorded "a", got "b"',
  )
})

it('answers a miss whose near-miss text holds control characters and markup in well-formed XML', async () => {
  const server = await serve({ tapes: [buildTape([[imageRequest(item('a')), okResponse('x')]])] })
  const name = 'Tag\x01\x1b[31m"\'<&>'
  const xml = signCall(
    { endpoint: server.url, credentials: testCredentials(), now: () => T0 },
    updateImageInfos,
    { UpdateContent: JSON.stringify(item('a')), [name]: 'v' },
    { variant: 'POST', format: 'xml' },
  )
  const response = await sendWire(server.url, xml)
  expect(response.status).toBe(404)
  parseStrictXml(response.body)
  expect(new XMLParser().parse(response.body).Error.Message).toContain(
    'Tag\ufffd\ufffd[31m"\'<&>: recorded (absent), got "v"',
  )
})

it('serves each key its recorded sequence in order under concurrency, none twice, none skipped', async () => {
  const keys = ['a', 'b', 'c']
  const tape = buildTape(
    keys.flatMap((k) =>
      Array.from(
        { length: 30 },
        (_, n) => [imageRequest(item(k)), okResponse(`${k}-${n}`)] as const,
      ),
    ),
  )
  const server = await serve({ tapes: [tape] })
  // Three clients at once, each replaying its own key 30 times in sequence.
  const sequences = await Promise.all(
    keys.map(async (k) => {
      const markers: string[] = []
      for (let i = 0; i < 30; i++)
        markers.push(
          markerOf((await sendWire(server.url, imageRequest(item(k), { now: () => T0 + i }))).body),
        )
      return markers
    }),
  )
  expect(sequences).toEqual(keys.map((k) => Array.from({ length: 30 }, (_, n) => `${k}-${n}`)))
  // A burst of 30 identical requests at once gets each recorded response exactly once.
  const burstTape = buildTape(
    Array.from({ length: 30 }, (_, n) => [imageRequest(item('d')), okResponse(`d-${n}`)] as const),
  )
  const burst = await serve({ tapes: [burstTape] })
  const answers = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      sendWire(burst.url, imageRequest(item('d'), { now: () => T0 + i })),
    ),
  )
  expect(answers.map((r) => markerOf(r.body)).sort()).toEqual(
    Array.from({ length: 30 }, (_, n) => `d-${n}`).sort(),
  )
})

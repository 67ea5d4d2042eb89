/**
 * `tapedeck replay` and `tapedeck record` as built processes: one log line per request in serve's
 * shape (never a query string or signature), silence under `--quiet`, and a summary on exit.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { sendWire } from '../src/client/index.ts'
import { DEFAULT_CREDENTIALS } from '../src/simulator/index.ts'
import { buildTape, imageRequest, okResponse } from './support/build-tape.ts'
import { useBin } from './support/run-cli.ts'
import { startHttpsUpstream } from './support/start-https-upstream.ts'
import { TEST_CERT } from './support/test-certificate.ts'

const run = useBin()
const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

const LINE =
  /^\S+ (GET|POST) \/\S* alibaba-vod\.UpdateImageInfos → \d{3}( \w+)? (hit|miss|recorded) \d+\.\dms(: .+)?$/

function tapeWithOneImage(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-log-'))
  const file = join(dir, 'one.har')
  const item = [{ ImageId: 'vod-image-01', Title: 'a' }]
  writeFileSync(file, JSON.stringify(buildTape([[imageRequest(item), okResponse('taped')]]).tape))
  return { dir, file }
}

it('tapedeck replay logs one line per request, hit or miss, and a summary when it stops', async () => {
  const { dir, file } = tapeWithOneImage()
  const replay = run(['replay', file, '--dir', dir, '--port', '0'])
  const [, url] = await replay.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  const hit = imageRequest([{ ImageId: 'vod-image-01', Title: 'a' }], { now: Date.now })
  const miss = imageRequest([{ ImageId: 'vod-image-01', Title: 'b' }], { now: Date.now })
  expect((await sendWire(url!, hit)).status).toBe(200)
  expect((await sendWire(url!, miss)).status).not.toBe(200)
  await replay.waitFor(/ miss \d/)
  replay.child.kill('SIGINT')
  expect(await replay.exited).toBe(0)
  // Every line of stdout: the banner (where it listens, where its inspector is), one line per
  // request (a miss with its near-miss report on that same line, not two more lines after it),
  // the summary.
  const all = replay.output().trimEnd().split('\n')
  expect(all, replay.output()).toHaveLength(5)
  expect(all[0]).toMatch(/^tapedeck replay: listening on /)
  expect(all[1]).toMatch(/^tapedeck replay: inspector at /)
  const lines = all.slice(2, 4)
  for (const line of lines) expect(line).toMatch(LINE)
  expect(lines[0]).toContain('→ 200 hit ')
  expect(lines[1]).toMatch(
    /→ \d{3} TapedeckNoRecording miss \d+\.\dms: closest recording .+ differs in 1 field\(s\): UpdateContent\[0\]\.Title: recorded "a", got "b"$/,
  )
  expect(replay.output()).not.toContain('Signature')
  expect(replay.output()).toContain('tapedeck replay: 2 requests: 1 hit, 1 miss, 0 recorded\n')
})

it('tapedeck replay --quiet logs no request and prints no summary', async () => {
  const { dir, file } = tapeWithOneImage()
  const replay = run(['replay', file, '--dir', dir, '--port', '0', '--quiet'])
  const [, url] = await replay.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  const hit = imageRequest([{ ImageId: 'vod-image-01', Title: 'a' }], { now: Date.now })
  expect((await sendWire(url!, hit)).status).toBe(200)
  replay.child.kill('SIGTERM')
  expect(await replay.exited).toBe(0)
  expect(replay.output()).not.toMatch(/^\d{4}-/m)
  expect(replay.output()).not.toContain('requests')
})

it('tapedeck record logs each recorded request and says on exit how many and where the tape went', async () => {
  const upstream = await startHttpsUpstream()
  cleanups.push(() => upstream.close())
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-log-'))
  const ca = join(dir, 'ca.pem')
  writeFileSync(ca, TEST_CERT)
  const tape = join(dir, 'session.har')
  const { accessKeyId, accessKeySecret } = DEFAULT_CREDENTIALS.alibaba
  const recorder = run(
    ['record', '--upstream', upstream.url, '--tape', tape, '--dir', dir, '--port', '0', '--ca', ca],
    {
      TAPEDECK_ALIBABA_ACCESS_KEY_ID: accessKeyId,
      TAPEDECK_ALIBABA_ACCESS_KEY_SECRET: accessKeySecret,
    },
  )
  const [, url] = await recorder.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  for (const title of ['a', 'b']) {
    const request = imageRequest([{ ImageId: 'vod-image-01', Title: title }], {
      endpoint: url!,
      now: Date.now,
    })
    expect((await sendWire(url!, request)).status).toBe(200)
  }
  await recorder.waitFor(/recorded \d+\.\dms\n[\s\S]*recorded \d+\.\dms\n/)
  recorder.child.kill('SIGINT')
  expect(await recorder.exited).toBe(0)
  const lines = recorder
    .output()
    .split('\n')
    .filter((line) => /^\d{4}-/.test(line))
  expect(lines).toHaveLength(2)
  for (const line of lines) expect(line).toMatch(LINE)
  expect(lines[0]).toContain('→ 200 recorded ')
  expect(recorder.output()).not.toContain(accessKeyId)
  expect(recorder.output()).toContain(
    `tapedeck record: 2 requests: 0 hits, 0 misses, 2 recorded; writing 2 interaction(s) into ${tape}\n`,
  )
})

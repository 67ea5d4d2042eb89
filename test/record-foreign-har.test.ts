/**
 * Recording on top of a HAR file another recorder wrote (a real Polly.JS recording of the official
 * Alibaba SDK calling `serve`, entries without `_tapedeck`): `replay --mode record-missing` serves
 * its calls, forwards and records the new ones, and at close the tape keeps every byte of the
 * Polly file with the new entries after its last one; a recorder killed mid-session is folded by
 * the next one. A Polly file holding a key id the recorder is configured with is refused at start
 * (exit 2, pointing at `tapedeck import`), never at close. All through the built bin.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import RPCClient from '@alicloud/pop-core'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { startServer } from '../src/server/index.ts'
import { DEFAULT_CREDENTIALS } from '../src/simulator/index.ts'
import { journalPath, readTape } from '../src/tapes/index.ts'
import { fixtureSessions, type Outcome, outcomeOf } from './support/fixture-sessions.ts'
import { recordWithPolly } from './support/record-with-polly.ts'
import { type RunningCli, runCli as runSource } from './support/run-cli.ts'

const { accessKeyId, accessKeySecret } = DEFAULT_CREDENTIALS.alibaba
// Three calls of the pop-core session: a batch, a GET, an error answer.
const recorded = fixtureSessions
  .find((session) => session.tape === 'alibaba-vod.pop-core.har')!
  .calls.filter((_, i) => i === 0 || i === 1 || i === 3)
const newCall = (title: string) => (endpoint: string) =>
  new RPCClient({
    accessKeyId,
    accessKeySecret,
    endpoint,
    apiVersion: '2017-03-21',
    opts: { timeout: 5000 },
  }).request(
    'UpdateImageInfos',
    { UpdateContent: JSON.stringify([{ ImageId: 'vod-image-09', Title: title }]) },
    { method: 'POST' },
  )

const dir = mkdtempSync(join(tmpdir(), 'tapedeck-record-foreign-'))
let upstream: Awaited<ReturnType<typeof startServer>>
let pollyText: string
let live: Outcome[]
const children: RunningCli[] = []
/** The built bin, as users run it (`npm run build` first). */
const runCli = (args: string[], env: Record<string, string> = {}) =>
  runSource(args, env, { bin: true })
afterEach(() => {
  for (const cli of children.splice(0)) cli.child.kill('SIGKILL')
})
afterAll(() => upstream?.close())

beforeAll(async () => {
  let ids = 0
  upstream = await startServer({
    port: 0,
    requestId: () => `POLLY-${String(++ids).padStart(4, '0')}`,
  })
  const polly = await recordWithPolly('pop-core', dir, recorded, outcomeOf, upstream.url)
  live = polly.live
  pollyText = readFileSync(polly.file, 'utf8')
}, 60_000)

/** A fresh copy of the Polly file to record on. */
function pollyTape(name: string): string {
  const file = join(dir, name)
  writeFileSync(file, pollyText)
  return file
}

function recordMissing(file: string, env: Record<string, string> = {}): RunningCli {
  const cli = runCli(
    [
      'replay',
      file,
      '--dir',
      dir,
      '--mode',
      'record-missing',
      '--upstream',
      upstream.url,
      '--port',
      '0',
    ],
    env,
  )
  children.push(cli)
  return cli
}

const started = async (cli: RunningCli) =>
  (await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/))[1]!

/** `after` is `before` with one run of bytes inserted: every byte of `before` kept, in place. */
function insertion(before: string, after: string): string {
  let at = 0
  while (at < before.length && before[at] === after[at]) at++
  const inserted = after.slice(at, at + after.length - before.length)
  expect(after.slice(0, at) + after.slice(at + inserted.length)).toBe(before)
  return inserted
}

/** Outcomes with any local address made one (the recording and the recorder ports differ). */
const unlocal = (outcomes: unknown) =>
  JSON.parse(JSON.stringify(outcomes).replace(/127\.0\.0\.1:\d+/g, '<local>'))

it('replay --mode record-missing over a Polly.JS HAR serves its calls, records a new one, and folds it after the Polly entries, every byte of them kept', async () => {
  const file = pollyTape('polly.har')
  const cli = recordMissing(file)
  const url = await started(cli)
  const replayed: Outcome[] = []
  for (const call of recorded) replayed.push(await outcomeOf(call, url))
  expect(unlocal(replayed)).toEqual(unlocal(live))
  const fresh = await outcomeOf({ name: 'new', run: newCall('recorded on Polly') }, url)
  expect(fresh).toMatchObject({ result: { NonExistImageIds: { ImageId: [] } } })
  expect(cli.output()).toMatch(/→ 200 recorded/)
  cli.child.kill('SIGTERM')
  expect(await cli.exited, cli.errors()).toBe(0)
  expect(cli.errors()).toBe('')
  expect(existsSync(journalPath(file))).toBe(false)

  const text = readFileSync(file, 'utf8')
  const inserted = insertion(pollyText, text)
  expect(inserted.startsWith(',')).toBe(true)
  const polly = JSON.parse(pollyText)
  const folded = JSON.parse(text)
  expect(folded.log.entries.slice(0, recorded.length)).toEqual(polly.log.entries)
  expect(folded.log.entries).toHaveLength(recorded.length + 1)
  expect(folded.log.entries.at(-1)._tapedeck.operation).toBe('alibaba-vod.UpdateImageInfos')
  expect(folded.log.creator.name).toBe('Polly.JS')

  // The folded tape replays every call, the Polly ones and the new one, to the SDK.
  const replay = runCli(['replay', file, '--dir', dir, '--port', '0', '--quiet'])
  children.push(replay)
  const replayUrl = await started(replay)
  const again: Outcome[] = []
  for (const call of recorded) again.push(await outcomeOf(call, replayUrl))
  expect(unlocal(again)).toEqual(unlocal(live))
  expect(await outcomeOf({ name: 'new', run: newCall('recorded on Polly') }, replayUrl)).toEqual(
    fresh,
  )
}, 60_000)

it('a recorder killed on a Polly.JS HAR leaves its calls in the journal; the next one folds them in at start and adds its own at close', async () => {
  const file = pollyTape('polly-killed.har')
  const first = recordMissing(file)
  const url = await started(first)
  await outcomeOf({ name: 'new', run: newCall('before the kill') }, url)
  first.child.kill('SIGKILL')
  await first.exited
  expect(readFileSync(file, 'utf8')).toBe(pollyText)
  expect(existsSync(journalPath(file))).toBe(true)

  const second = recordMissing(file)
  const url2 = await started(second)
  // What the killed session recorded is on the tape now: a hit, not forwarded again.
  await outcomeOf({ name: 'new', run: newCall('before the kill') }, url2)
  await outcomeOf({ name: 'new', run: newCall('after the restart') }, url2)
  expect(second.output()).toMatch(/→ 200 hit[\s\S]*→ 200 recorded/)
  second.child.kill('SIGTERM')
  expect(await second.exited, second.errors()).toBe(0)
  expect(existsSync(journalPath(file))).toBe(false)
  const text = readFileSync(file, 'utf8')
  insertion(pollyText, text)
  const titles = (await readTape(file)).tape.log.entries
    .slice(recorded.length)
    .map((entry) => JSON.parse(entry._tapedeck.matchKey).params.UpdateContent[0].Title)
  expect(titles).toEqual(['before the kill', 'after the restart'])
}, 60_000)

it('refuses at start, exit 2 and one line naming tapedeck import, a Polly.JS HAR holding the key id the recorder re-signs with; then records on the imported tape', async () => {
  const file = pollyTape('polly-keyed.har')
  const env = {
    TAPEDECK_ALIBABA_ACCESS_KEY_ID: accessKeyId,
    TAPEDECK_ALIBABA_ACCESS_KEY_SECRET: accessKeySecret,
  }
  expect(pollyText).toContain(accessKeyId)
  const cli = recordMissing(file, env)
  const outcome = await Promise.race([
    cli.exited,
    cli.waitFor(/listening on/).then(() => 'listening'),
  ])
  expect(outcome).toBe(2)
  const lines = cli.errors().trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toContain(`Failed to record into tape "${file}"`)
  expect(lines[0]).toContain('a configured secret')
  expect(lines[0]).toContain(`tapedeck import ${file} --out`)
  expect(cli.errors()).not.toContain(accessKeyId)
  expect(readFileSync(file, 'utf8')).toBe(pollyText)
  expect(existsSync(journalPath(file))).toBe(false)

  const imported = join(dir, 'imported.har')
  const importing = runCli(['import', file, '--out', imported, '--dir', dir])
  expect(await importing.exited, importing.errors()).toBe(0)
  const next = recordMissing(imported, env)
  const url = await started(next)
  await outcomeOf({ name: 'new', run: newCall('on the imported tape') }, url)
  next.child.kill('SIGTERM')
  expect(await next.exited, next.errors()).toBe(0)
  const text = readFileSync(imported, 'utf8')
  expect(text).not.toContain(accessKeyId)
  expect(JSON.parse(text).log.entries).toHaveLength(recorded.length + 1)
}, 60_000)

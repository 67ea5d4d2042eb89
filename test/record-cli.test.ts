/**
 * `tapedeck record` and `tapedeck replay` as processes: crash safety under SIGKILL, and the CLI's
 * answers to an expired tape.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { sendWire } from '../src/client/index.ts'
import { DEFAULT_CREDENTIALS } from '../src/simulator/index.ts'
import { readTape } from '../src/tapes/index.ts'
import { buildTape, imageRequest, okResponse } from './support/build-tape.ts'
import { type RunningCli, runCli } from './support/run-cli.ts'
import { startHttpsUpstream } from './support/start-https-upstream.ts'
import { T0 } from './support/start-test-server.ts'
import { TEST_CERT } from './support/test-certificate.ts'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

function start(args: string[], env: Record<string, string> = {}): RunningCli {
  const cli = runCli(args, env)
  cleanups.push(() => cli.child.kill('SIGKILL'))
  return cli
}

it('leaves a valid tape holding every completed interaction when the recorder is killed with SIGKILL mid-session', async () => {
  const upstream = await startHttpsUpstream()
  cleanups.push(() => upstream.close())
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-crash-'))
  const ca = join(dir, 'ca.pem')
  writeFileSync(ca, TEST_CERT)
  const tape = join(dir, 'session.har')
  const { accessKeyId, accessKeySecret } = DEFAULT_CREDENTIALS.alibaba
  const recorder = start(
    [
      'record',
      '--upstream',
      upstream.url,
      '--tape',
      tape,
      '--dir',
      dir,
      '--port',
      '0',
      '--ca',
      ca,
      '--quiet',
    ],
    {
      TAPEDECK_ALIBABA_ACCESS_KEY_ID: accessKeyId,
      TAPEDECK_ALIBABA_ACCESS_KEY_SECRET: accessKeySecret,
    },
  )
  const [, url] = await recorder.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  const completed: string[] = []
  let killed = false
  // Four clients in parallel, each sending until the recorder dies; the kill lands mid-flight.
  const client = async (n: number) => {
    for (let i = 0; !killed; i++) {
      const title = `c${n}-r${i}`
      try {
        const response = await sendWire(
          url!,
          imageRequest([{ ImageId: 'vod-image-01', Title: title }], { now: Date.now }),
        )
        if (response.status === 200) completed.push(title)
      } catch {
        return
      }
      if (completed.length >= 40 && !killed) {
        killed = true
        recorder.child.kill('SIGKILL')
      }
    }
  }
  await Promise.all([0, 1, 2, 3].map(client))
  await recorder.exited
  const { tape: written } = await readTape(tape)
  const titles = written.log.entries.map(
    (entry) => JSON.parse(entry._tapedeck.matchKey).params.UpdateContent[0].Title as string,
  )
  expect(completed.length).toBeGreaterThanOrEqual(40)
  expect(titles).toEqual(expect.arrayContaining(completed))
  // Killed, the session is in the journal beside the tape (readTape merged it above).
  const onDisk = [tape, `${tape}.journal`].filter((file) => existsSync(file))
  expect(onDisk.map((file) => readFileSync(file, 'utf8')).join('')).not.toContain(accessKeyId)
})

it('tapedeck replay serves a tape on a port and refuses an expired one with the re-record command', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-cli-'))
  const file = join(dir, 'old.har')
  const item = [{ ImageId: 'vod-image-01', Title: 'a' }]
  writeFileSync(
    file,
    JSON.stringify(buildTape([[imageRequest(item), okResponse('taped')]], { recordedAt: T0 }).tape),
  )

  const replay = start(['replay', file, '--dir', dirname(file), '--port', '0'])
  const [, url] = await replay.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  const response = await sendWire(url!, imageRequest(item, { now: Date.now }))
  expect(JSON.parse(response.body)).toMatchObject({ RequestId: 'taped' })

  const expired = start(['replay', file, '--dir', dirname(file), '--port', '0', '--max-age', '1s'])
  expect(await expired.exited).toBe(1)
  expect(expired.errors()).toContain(
    `re-record it with: tapedeck record --upstream https://vod.cn-shanghai.aliyuncs.com --tape ${file}`,
  )
})

it('tapedeck lint prints each issue with its tape, entry and code, and exits 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-lint-'))
  const file = join(dir, 'dup.har')
  const item = [{ ImageId: 'vod-image-01', Title: 'a' }]
  const pair = [imageRequest(item), okResponse('same')] as const
  writeFileSync(file, JSON.stringify(buildTape([pair, pair]).tape))
  const lint = start(['lint', file, '--dir', dir])
  expect(await lint.exited).toBe(1)
  expect(lint.output()).toContain(
    `${file} log.entries[1]: duplicate: same request and response as log.entries[0]`,
  )
})

it('refuses tape paths that escape the tape directory, on every command', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-jail-'))
  for (const args of [
    ['replay', '../outside.har', '--dir', dir, '--port', '0'],
    ['lint', join(tmpdir(), 'elsewhere.har'), '--dir', dir],
    [
      'record',
      '--upstream',
      'https://127.0.0.1:1',
      '--tape',
      '../../etc/tape.har',
      '--dir',
      dir,
      '--port',
      '0',
    ],
  ]) {
    const cli = start(args)
    expect(await cli.exited, args.join(' ')).toBe(2)
    expect(cli.errors()).toContain('is outside the tape directory')
  }
})

it('keeps the tape as it was beside it when replay --mode record-all starts over it, and says so', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-previous-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  const tape = join(dir, 'session.har')
  const before = JSON.stringify(
    buildTape([[imageRequest([{ ImageId: 'a' }]), okResponse('x')]]).tape,
  )
  writeFileSync(tape, before)
  const replay = start([
    'replay',
    tape,
    '--dir',
    dir,
    '--port',
    '0',
    '--mode',
    'record-all',
    '--upstream',
    'http://127.0.0.1:9',
  ])
  await replay.waitFor(/kept as .*\n/)
  expect(replay.output()).toContain(
    `record-all replaces ${tape} when it stops; the tape as it was is kept as ${tape}.previous`,
  )
  expect(readFileSync(`${tape}.previous`, 'utf8')).toBe(before)
  const fresh = join(dir, 'fresh.har')
  const first = start([
    'replay',
    fresh,
    '--dir',
    dir,
    '--port',
    '0',
    '--mode',
    'record-all',
    '--upstream',
    'http://127.0.0.1:9',
  ])
  await first.waitFor(/listening on/)
  expect(first.output()).not.toContain('kept as')
  expect(existsSync(`${fresh}.previous`)).toBe(false)
})

import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { updateImageInfos } from '../src/catalog/index.ts'
import { sendWire, signCall, testCredentials } from '../src/client/index.ts'
import { startRecorder } from '../src/record/index.ts'
import { loadReplayTape } from '../src/replay/index.ts'
import { foldJournal, journalPath, readTape, type Tape } from '../src/tapes/index.ts'
import { buildTape, imageRequest, okResponse } from './support/build-tape.ts'
import { runCli } from './support/run-cli.ts'

// Kills a process recording through the real tape writer with SIGKILL at 50 seeded-random moments:
// the tape, read with the journal beside it, must always be a valid HAR file holding every
// interaction reported complete before the kill. Uses dist/ (built by `npm test` before vitest
// runs) so each run starts in milliseconds.
const WRITER = join(import.meta.dirname, 'support', 'crash-writer.mjs')
const RUNS = 50

function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Runs the crash writer (`base`: replace or append, titles `<prefix><n>`) until `minDone`
 * interactions are reported complete, waits `delayMs`, kills it, and returns the titles reported.
 */
async function killAtRandom(
  file: string,
  delayMs: number,
  { base = 'replace', prefix = 't', minDone = 1 } = {},
): Promise<string[]> {
  const child = spawn(process.execPath, [WRITER, file, base, prefix], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const done: string[] = []
  let buffered = ''
  let started: () => void
  const first = new Promise<void>((resolve) => {
    started = resolve
  })
  child.stdout.on('data', (chunk) => {
    buffered += chunk
    const lines = buffered.split('\n')
    buffered = lines.pop()!
    for (const line of lines) if (line.startsWith('done ')) done.push(line.slice(5))
    if (done.length >= minDone) started()
  })
  const exited = new Promise((resolve) => child.on('exit', resolve))
  await first
  await new Promise((resolve) => setTimeout(resolve, delayMs))
  child.kill('SIGKILL')
  await exited
  return done
}

const titleOf = (matchKey: string): string => JSON.parse(matchKey).params.UpdateContent[0].Title
const titles = (tape: Tape) => tape.log.entries.map((entry) => titleOf(entry._tapedeck.matchKey))

it(`leaves a valid tape with every completed interaction after ${RUNS} SIGKILLs at random moments`, {
  timeout: 120_000,
}, async () => {
  const random = mulberry32(20261123)
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-kill-'))
  const runs = Array.from({ length: RUNS }, (_, i) => ({
    file: join(dir, `tape-${i}.har`),
    delayMs: Math.floor(random() * 60),
  }))
  let checked = 0
  for (let batch = 0; batch < runs.length; batch += 5) {
    await Promise.all(
      runs.slice(batch, batch + 5).map(async ({ file, delayMs }) => {
        const completed = await killAtRandom(file, delayMs)
        const read = titles((await readTape(file)).tape)
        expect(read.slice(0, completed.length), `${file} after ${delayMs} ms`).toEqual(completed)
        // Replay reads the same tape, journal merged, through its own streaming reader.
        const replayed = (await loadReplayTape(file)).interactions.map((i) => titleOf(i.key))
        expect(replayed, file).toEqual(read)
        checked++
      }),
    )
  }
  expect(checked).toBe(RUNS)
})

it('serves and lints a killed recorder’s tape, and the next recorder folds it into the HAR file alone', {
  timeout: 30_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-kill-'))
  const file = join(dir, 'killed.har')
  const completed = await killAtRandom(file, 5, { prefix: 'title-', minDone: 5 })
  // Killed during its first session: there is no tape file yet, only the journal.
  expect(existsSync(file)).toBe(false)
  const read = titles((await readTape(file)).tape)
  expect(read.slice(0, completed.length)).toEqual(completed)

  // lint: the first and the last entry contain the values given as secrets.
  const lint = runCli(
    ['lint', file, '--dir', dir, '--json'],
    { TAPEDECK_ALIBABA_ACCESS_KEY_ID: read[0]!, TAPEDECK_ALIBABA_ACCESS_KEY_SECRET: read.at(-1)! },
    { bin: true },
  )
  expect(await lint.exited).toBe(1)
  const issues = JSON.parse(lint.output()) as Array<{ code: string; path: string }>
  expect(issues.filter((issue) => issue.code === 'secret').map((issue) => issue.path)).toEqual([
    `${file} log.entries[0]`,
    `${file} log.entries[${read.length - 1}]`,
  ])

  // replay: the last interaction completed is served.
  const replay = runCli(['replay', file, '--dir', dir, '--port', '0', '--quiet'], {}, { bin: true })
  try {
    const [, url] = await replay.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
    // Signed as the crash writer signs (GET), now.
    const last = signCall({ endpoint: url!, credentials: testCredentials() }, updateImageInfos, {
      UpdateContent: JSON.stringify([{ ImageId: 'vod-image-01', Title: completed.at(-1) }]),
    })
    const answer = await sendWire(url!, last)
    expect([answer.status, JSON.parse(answer.body).RequestId]).toEqual([200, 'R'])
  } finally {
    replay.child.kill('SIGKILL')
  }

  // The next recorder folds the journal at start: the HAR file alone holds everything.
  const recorder = await startRecorder({
    upstream: 'http://127.0.0.1:9',
    tape: file,
    mode: 'record-missing',
    port: 0,
  })
  expect(existsSync(journalPath(file))).toBe(false)
  const alone = JSON.parse(readFileSync(file, 'utf8')) as Tape
  expect(titles(alone)).toEqual(read)
  await recorder.close()
  expect(titles((await readTape(file)).tape)).toEqual(read)
})

function writeOldTape(file: string): Buffer {
  const pairs = ['old-0', 'old-1', 'old-2'].map((title) => {
    return [imageRequest([{ ImageId: 'vod-image-01', Title: title }]), okResponse(title)] as const
  })
  writeFileSync(file, `${JSON.stringify(buildTape(pairs).tape, null, 2)}\n`)
  return readFileSync(file)
}

it('record-all killed before close: readers see only the new session, and the old tape is untouched until the fold', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-kill-'))
  const file = join(dir, 'replaced.har')
  const old = writeOldTape(file)
  const completed = await killAtRandom(file, 5, { prefix: 'new-', minDone: 3 })
  expect(readFileSync(file)).toEqual(old)
  const read = titles((await readTape(file)).tape)
  expect(read.slice(0, completed.length)).toEqual(completed)
  expect(read.every((title) => title.startsWith('new-'))).toBe(true)
  const replayed = (await loadReplayTape(file)).interactions.map((i) => titleOf(i.key))
  expect(replayed).toEqual(read)

  const recorder = await startRecorder({ upstream: 'http://127.0.0.1:9', tape: file, port: 0 })
  await recorder.close()
  expect(existsSync(journalPath(file))).toBe(false)
  expect(titles(JSON.parse(readFileSync(file, 'utf8')))).toEqual(read)
})

it('record-missing killed before close: readers see the old entries then the new, and a fold writes them all', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-kill-'))
  const file = join(dir, 'appended.har')
  const old = writeOldTape(file)
  const completed = await killAtRandom(file, 5, { base: 'append', prefix: 'new-', minDone: 3 })
  expect(readFileSync(file)).toEqual(old)
  const read = titles((await readTape(file)).tape)
  expect(read.slice(0, 3 + completed.length)).toEqual(['old-0', 'old-1', 'old-2', ...completed])
  expect((await loadReplayTape(file)).interactions).toHaveLength(read.length)

  expect(await foldJournal(file)).toBe(read.length - 3)
  expect(existsSync(journalPath(file))).toBe(false)
  expect(titles(JSON.parse(readFileSync(file, 'utf8')))).toEqual(read)
})

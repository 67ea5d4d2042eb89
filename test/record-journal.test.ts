/**
 * The recorder's journal: interactions are appended beside the tape (the tape file is not
 * rewritten per interaction), folded into the tape at close byte for byte as `writeTape` writes
 * it, scanned for leaks entry by entry, and merged by every reader while it is there.
 */
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { sendWire } from '../src/client/index.ts'
import { createTapeWriter } from '../src/record/index.ts'
import { loadReplayTape } from '../src/replay/index.ts'
import {
  createTape,
  foldJournal,
  journalPath,
  readTape,
  type Tape,
  writeTape,
} from '../src/tapes/index.ts'
import { buildTape, imageRequest, okResponse } from './support/build-tape.ts'
import { runCli } from './support/run-cli.ts'
import { startTestServer, T0 } from './support/start-test-server.ts'

const ORIGIN = 'https://vod.cn-shanghai.aliyuncs.com'
const fresh = (name: string) => join(mkdtempSync(join(tmpdir(), 'tapedeck-journal-')), name)
const call = (title: string) => imageRequest([{ ImageId: 'vod-image-01', Title: title }])
const titles = (tape: Tape) =>
  tape.log.entries.map(
    (entry) => JSON.parse(entry._tapedeck.matchKey).params.UpdateContent[0].Title,
  )
const journalLines = (file: string) =>
  readFileSync(journalPath(file), 'utf8')
    .split('\n')
    .filter((line) => line !== '')

function existingTape(file: string, ...names: string[]) {
  const { tape } = buildTape(names.map((name) => [call(name), okResponse(name)] as const))
  writeFileSync(file, `${JSON.stringify(tape, null, 2)}\n`)
  return tape
}

it('appends each interaction to the journal and leaves the tape file as it was until close', async () => {
  const file = fresh('flat.har')
  existingTape(file, 'old-0', 'old-1')
  const before = statSync(file)
  const bytes = readFileSync(file)
  const writer = createTapeWriter({ file, base: 'append', origin: ORIGIN, now: () => T0 })
  for (let i = 0; i < 50; i++) {
    await writer.record(call(`new-${i}`), okResponse(`r${i}`), 1)
    // Not rewritten, not replaced: the same file, the same bytes, one more journal line.
    const now = statSync(file)
    expect([now.ino, now.size, now.mtimeMs]).toEqual([before.ino, before.size, before.mtimeMs])
    expect(journalLines(file)).toHaveLength(i + 2)
  }
  expect(readFileSync(file)).toEqual(bytes)
  expect(titles((await readTape(file)).tape)).toEqual([
    'old-0',
    'old-1',
    ...Array.from({ length: 50 }, (_, i) => `new-${i}`),
  ])
  await writer.close()
  expect(existsSync(journalPath(file))).toBe(false)
  expect(titles((await readTape(file)).tape)).toHaveLength(52)
})

it('folds a record-all journal into exactly the bytes writeTape writes for the same tape', async () => {
  const file = fresh('replace.har')
  const tape = createTape(T0, ORIGIN)
  const writer = createTapeWriter({ file, base: 'replace', tape, origin: ORIGIN, now: () => T0 })
  for (const title of ['a', 'b', '标题 "quoted" \\ \u2028'])
    await writer.record(call(title), okResponse(title), 3)
  const entries = journalLines(file)
    .slice(1)
    .map((line) => JSON.parse(line))
  await writer.close()
  const expected = fresh('expected.har')
  await writeTape(expected, { ...tape, log: { ...tape.log, entries } })
  expect(readFileSync(file, 'utf8')).toBe(readFileSync(expected, 'utf8'))
})

it('folds a record-missing journal into the tape as it was, the new entries after its last (what writeTape writes for both)', async () => {
  const file = fresh('append.har')
  existingTape(file, 'old-0')
  const before = readFileSync(file, 'utf8')
  const writer = createTapeWriter({ file, base: 'append', origin: ORIGIN, now: () => T0 })
  await writer.record(call('new-0'), okResponse('new-0'), 1)
  await writer.record(call('new-1'), okResponse('new-1'), 1)
  const added = journalLines(file)
    .slice(1)
    .map((line) => JSON.parse(line))
  await writer.close()
  const document = JSON.parse(before)
  document.log.entries.push(...added)
  const expected = fresh('expected.har')
  await writeTape(expected, document)
  expect(readFileSync(file, 'utf8')).toBe(readFileSync(expected, 'utf8'))
  expect(titles((await readTape(file)).tape)).toEqual(['old-0', 'new-0', 'new-1'])
})

it('folds a record-missing journal into a tape without entries, and into one written on one line', async () => {
  const empty = fresh('empty-append.har')
  await writeTape(empty, createTape(T0, ORIGIN))
  const flat = fresh('flat-append.har')
  writeFileSync(flat, JSON.stringify(existingTape(flat, 'old-0')))
  for (const file of [empty, flat]) {
    const before = JSON.parse(readFileSync(file, 'utf8'))
    const writer = createTapeWriter({ file, base: 'append', origin: ORIGIN, now: () => T0 })
    await writer.record(call('new-0'), okResponse('new-0'), 1)
    const [, line] = journalLines(file)
    await writer.close()
    before.log.entries.push(JSON.parse(line!))
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(before)
  }
  const expected = fresh('expected-empty.har')
  const tape = createTape(T0, ORIGIN)
  await writeTape(expected, {
    ...tape,
    log: { ...tape.log, entries: (await readTape(empty)).tape.log.entries },
  })
  expect(readFileSync(empty, 'utf8')).toBe(readFileSync(expected, 'utf8'))
  expect(readFileSync(flat, 'utf8')).toMatch(/^\{"log":\{"version":"1\.2"/)
})

it('writes nothing at all for a session that recorded nothing', async () => {
  const file = fresh('empty.har')
  const writer = createTapeWriter({ file, base: 'replace', tape: createTape(T0), origin: ORIGIN })
  await writer.close()
  expect(existsSync(file) || existsSync(journalPath(file))).toBe(false)
})

it('refuses an interaction carrying a configured secret, naming its kind, and none of it reaches the journal or the tape', async () => {
  const file = fresh('leak.har')
  const secret = 'configured-secret-value-42'
  const writer = createTapeWriter({
    file,
    base: 'replace',
    tape: createTape(T0, ORIGIN),
    origin: ORIGIN,
    secrets: [secret],
  })
  await writer.record(call('clean'), okResponse('clean'), 1)
  const journal = readFileSync(journalPath(file), 'utf8')
  const refused = writer.record(call('leaky'), okResponse(`echo ${secret}`), 1)
  await expect(refused).rejects.toMatchObject({ code: 'E_TAPE_LEAK' })
  await expect(refused).rejects.toThrow(
    `Failed to write tape "${file}": it would contain a configured secret or a value redacted from a request; nothing of the interaction was written`,
  )
  expect(readFileSync(journalPath(file), 'utf8')).toBe(journal)
  await writer.record(call('after'), okResponse('after'), 1)
  await writer.close()
  const text = readFileSync(file, 'utf8')
  expect(text).not.toContain(secret)
  expect(titles((await readTape(file)).tape)).toEqual(['clean', 'after'])
})

it('refuses a first interaction with a leak before the journal exists', async () => {
  const file = fresh('first-leak.har')
  const writer = createTapeWriter({ file, base: 'replace', tape: createTape(T0), origin: ORIGIN })
  await expect(writer.record(call('x'), okResponse('LTAI0123456789abcdefgh'), 1)).rejects.toThrow(
    /it would contain Alibaba AccessKeyId \(LTAI…\)/,
  )
  expect(existsSync(journalPath(file))).toBe(false)
})

it('ignores a torn last line, and a journal without one complete entry', async () => {
  const file = fresh('torn.har')
  existingTape(file, 'old-0')
  const writer = createTapeWriter({ file, base: 'append', origin: ORIGIN, now: () => T0 })
  await writer.record(call('new-0'), okResponse('new-0'), 1)
  appendFileSync(journalPath(file), '{"startedDateTime":"2026-')
  expect(titles((await readTape(file)).tape)).toEqual(['old-0', 'new-0'])
  expect((await loadReplayTape(file)).interactions).toHaveLength(2)
  expect(await foldJournal(file)).toBe(1)
  expect(titles((await readTape(file)).tape)).toEqual(['old-0', 'new-0'])

  const header = `{"tapedeckJournal":1,"base":"replace","createdAt":"x","tape":${JSON.stringify(createTape(T0))}}\n`
  writeFileSync(journalPath(file), `${header}{"torn":`)
  expect(titles((await readTape(file)).tape)).toEqual(['old-0', 'new-0'])
  expect(await foldJournal(file)).toBe(0)
  expect(existsSync(journalPath(file))).toBe(false)
})

it('fails on a journal whose header is not one, naming the journal', async () => {
  const file = fresh('bad.har')
  existingTape(file, 'old-0')
  writeFileSync(journalPath(file), '{"tapedeckJournal":2}\n{}\n')
  await expect(readTape(file)).rejects.toMatchObject({ code: 'E_INVALID_TAPE' })
  await expect(loadReplayTape(file)).rejects.toThrow(
    `Failed to load tape journal "${file}.journal": line 1: not a tapedeck journal header (base: Invalid discriminator value. Expected 'replace' | 'append'); move it away to read the tape without it`,
  )
  writeFileSync(journalPath(file), 'not json\n')
  await expect(readTape(file)).rejects.toThrow(
    /journal ".*bad\.har\.journal": line 1: not a tapedeck journal header \(/,
  )
})

it('names the journal and line of an entry that is not valid', async () => {
  const file = fresh('bad-entry.har')
  const writer = createTapeWriter({ file, base: 'replace', tape: createTape(T0), origin: ORIGIN })
  await writer.record(call('a'), okResponse('a'), 1)
  appendFileSync(journalPath(file), '{"startedDateTime":1}\n')
  await expect(readTape(file)).rejects.toThrow(
    `Failed to load tape journal "${file}.journal": line 3: startedDateTime: Invalid input: expected string, received number`,
  )
})

it('does not add a journal twice when the recorder was killed between the rename and its deletion', async () => {
  const file = fresh('twice.har')
  existingTape(file, 'old-0')
  const writer = createTapeWriter({ file, base: 'append', origin: ORIGIN, now: () => T0 })
  await writer.record(call('new-0'), okResponse('new-0'), 1)
  const saved = `${file}.saved`
  copyFileSync(journalPath(file), saved)
  await writer.close()
  copyFileSync(saved, journalPath(file))
  expect(titles((await readTape(file)).tape)).toEqual(['old-0', 'new-0'])
  expect((await loadReplayTape(file)).interactions).toHaveLength(2)
  expect(await foldJournal(file)).toBe(0)
  expect(titles((await readTape(file)).tape)).toEqual(['old-0', 'new-0'])
})

it('writeTape replaces what a journal beside the tape held', async () => {
  const file = fresh('whole.har')
  const writer = createTapeWriter({ file, base: 'replace', tape: createTape(T0), origin: ORIGIN })
  await writer.record(call('journal'), okResponse('journal'), 1)
  await writeTape(file, buildTape([[call('whole'), okResponse('whole')]]).tape)
  expect(existsSync(journalPath(file))).toBe(false)
  expect(titles((await readTape(file)).tape)).toEqual(['whole'])
})

it('tapedeck record folds its journal into the tape on SIGTERM and on SIGINT', async () => {
  const upstream = await startTestServer({ now: Date.now })
  try {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const file = fresh(`${signal}.har`)
      const dir = join(file, '..')
      const recorder = runCli(
        ['record', '--upstream', upstream.url, '--tape', file, '--dir', dir, '--port', '0'],
        {},
        { bin: true },
      )
      const [, url] = await recorder.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
      for (const title of ['a', 'b', 'c']) {
        const request = imageRequest([{ ImageId: 'vod-image-01', Title: title }], {
          endpoint: url!,
          now: Date.now,
        })
        expect((await sendWire(url!, request)).status).toBe(200)
      }
      expect([existsSync(file), journalLines(file).length]).toEqual([false, 4])
      recorder.child.kill(signal)
      expect(await recorder.exited, signal).toBe(0)
      expect(recorder.output()).toContain(`writing 3 interaction(s) into ${file}`)
      expect(existsSync(journalPath(file))).toBe(false)
      expect(titles(JSON.parse(readFileSync(file, 'utf8')))).toEqual(['a', 'b', 'c'])
    }
  } finally {
    await upstream.close()
  }
})

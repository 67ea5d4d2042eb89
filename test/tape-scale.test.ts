/**
 * A big tape loads and replays with an index, not a scan. 20,000 interactions here (the 100,000 run
 * is measured by test/support/measure-tape-load.ts; numbers in the README).
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { expect, it } from 'vitest'
import { createReplayer, loadReplayTape } from '../src/replay/index.ts'
import { readTape, streamTape, tapeEntrySchema } from '../src/tapes/index.ts'
import { imageRequest } from './support/build-tape.ts'
import { writeBigTape } from './support/write-big-tape.ts'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

it('streams a 20,000-interaction tape into the index and replays its first, middle and last interactions', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'tapedeck-scale-')), 'big.har')
  await writeBigTape(file, 20_000)
  // V8 frees array buffers on a background thread after a GC: on a busy machine the count read
  // right after gc() can still include the freed ones. The least of a few GCs, each followed by
  // an event-loop turn, is what is really held (it can only be overstated, never understated).
  const bytesHeld = async () => {
    let least = Number.POSITIVE_INFINITY
    for (let round = 0; round < 5; round++) {
      gc()
      await new Promise((turn) => setImmediate(turn))
      least = Math.min(least, process.memoryUsage().arrayBuffers)
    }
    return least
  }
  const replayer = createReplayer({ tapes: [await loadReplayTape(file)] })
  // The index holds what it parsed, never the file's bytes (a view into a read chunk keeps it all).
  expect(await bytesHeld()).toBeLessThan(statSync(file).size / 10)
  for (const n of [0, 10_000, 19_999]) {
    const { response } = await replayer.handle(
      imageRequest([{ ImageId: 'vod-image-01', Title: `title-${n}` }]),
    )
    expect(JSON.parse(String(response.body))).toMatchObject({ RequestId: `r-${n}` })
  }
  const miss = await replayer.handle(imageRequest([{ ImageId: 'vod-image-01', Title: 'title-x' }]))
  expect(miss.nearMiss?.differences).toEqual([
    { path: 'UpdateContent[0].Title', recorded: 'title-0', got: 'title-x' },
  ])
}, 20_000)

it('streams the same entries readTape reads, and names the entry and field of a bad one', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'tapedeck-stream-')), 'small.har')
  await writeBigTape(file, 3)
  const { tape } = await readTape(file)
  for (const chunkBytes of [1, 7, 64, 1 << 20]) {
    const streamed: unknown[] = []
    await streamTape(file, (entry) => streamed.push(entry), { chunkBytes })
    expect(streamed).toEqual(tape.log.entries)
  }
  // Only some fields: the same values whatever the read size, with a key written with escapes and
  // escaped backslashes and quotes (a read may end between a backslash and what it escapes).
  const text = readFileSync(file, 'utf8')
    .replace(/"_tapedeck":\{"operation"/g, '"_tape\\u0064eck":{"operation"')
    .replace(/"statusText":"[^"]*"/g, String.raw`"statusText":"a\\\"b\\\\c\\","{":1`)
  expect(text).toContain('_tape\\u0064eck')
  const escapedFile = `${file}.escaped.har`
  writeFileSync(escapedFile, text)
  const picked = (JSON.parse(text).log.entries as { response: unknown; _tapedeck: unknown }[]).map(
    ({ response, _tapedeck }) => ({ response, _tapedeck }),
  )
  expect(JSON.stringify(picked)).toContain(String.raw`a\\\"b\\\\c\\`)
  for (const chunkBytes of [1, 5, 64, 1 << 20]) {
    const streamed: unknown[] = []
    const fields = ['response', '_tapedeck']
    const entrySchema = tapeEntrySchema.pick({ response: true, _tapedeck: true })
    await streamTape(escapedFile, (entry) => streamed.push(entry), {
      chunkBytes,
      fields,
      entrySchema,
    })
    expect(streamed).toEqual(picked)
  }
  const header = await streamTape(file, () => {})
  expect(header.log).toEqual({ ...tape.log, entries: [] })
  const broken = JSON.parse(readFileSync(file, 'utf8'))
  broken.log.entries[2]._tapedeck.matchKey = 7
  writeFileSync(file, JSON.stringify(broken, null, 2))
  await expect(loadReplayTape(file)).rejects.toThrow(
    `Failed to load tape "${file}": log.entries[2]._tapedeck.matchKey: Invalid input: expected string, received number`,
  )
})

it('replays every interaction of a tape whose log and entries keys are written with escapes', async () => {
  // JSON.parse reads `"\u006cog"` as "log"; a reader missing it returned the entries in the header,
  // valid, and replay loaded a tape of 0 interactions without a word.
  const file = join(mkdtempSync(join(tmpdir(), 'tapedeck-escaped-')), 'escaped.har')
  await writeBigTape(file, 3)
  const text = readFileSync(file, 'utf8')
  writeFileSync(file, text.replace('"log"', '"\\u006cog"').replace('"entries"', '"entri\\u0065s"'))
  expect(readFileSync(file, 'utf8')).toContain('"entri\\u0065s"')
  expect((await loadReplayTape(file)).interactions.map(({ key }) => key)).toEqual(
    (await readTape(file)).tape.log.entries.map((entry) => entry._tapedeck.matchKey),
  )
})

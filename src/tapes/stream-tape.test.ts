import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { z } from 'zod'
import { createTape } from './read-tape.ts'
import { type EntriesSpan, streamTape } from './stream-tape.ts'

const dir = mkdtempSync(join(tmpdir(), 'tapedeck-stream-tape-'))
let files = 0
function tapeFile(text: string): string {
  const file = join(dir, `tape-${files++}.har`)
  writeFileSync(file, text)
  return file
}

/** A tape's text with these entries (JSON text each), the header as `createTape` makes it. */
function tapeText(entries: readonly string[]): string {
  const [head, tail] = JSON.stringify(createTape(0)).split('"entries":[]')
  return `${head}"entries":[${entries.join(',')}]${tail}`
}

/** Every read size from one byte (any token split across reads) to one read for the file. */
const CHUNK_SIZES = [1, 2, 3, 5, 8, 13, 64, 1 << 20]

async function streamed(file: string, options: { fields?: string[]; chunkBytes: number }) {
  const entries: unknown[] = []
  let span: EntriesSpan | undefined
  const header = await streamTape(file, (entry) => entries.push(entry), {
    ...options,
    entrySchema: z.unknown(),
    onEntriesSpan: (found) => {
      span = found
    },
  })
  return { entries, header, span }
}

// Strings holding what a scanner can trip on: escaped quotes and backslashes (a backslash before
// a closing quote), brackets, commas and colons, unicode escapes (a surrogate pair among them),
// multi-byte UTF-8, and arrays nested in arrays and objects.
const TRICKY = [
  String.raw`{"response":{"status":200,"text":"a\"b\\","x":"\\\\\"","y":"}],:{["},"_tapedeck":{"k":"\\"}}`,
  String.raw`{"request":{"v":[[1,[2,{"q":"]}"}]],[]]},"response":{"t":"\u0041\ud83d\ude00 标题 \u005c\u0022","n":[[[]]]},"other":"\\"}`,
  String.raw`{"\u0072esponse":{"escaped key":true},"re\"sponse":1,"_tapedeck":[{"a":[{}]},"\"\\"]}`,
  '{}',
]

it('streams entries with escapes, unicode and nested arrays as JSON.parse reads them, whatever the read size', async () => {
  const text = tapeText(TRICKY)
  const file = tapeFile(text)
  const expected = JSON.parse(text).log.entries as Record<string, unknown>[]
  const picked = expected.map((entry) =>
    Object.fromEntries(
      Object.entries(entry).filter(([key]) => key === 'response' || key === '_tapedeck'),
    ),
  )
  expect(picked[2]).toEqual({ response: { 'escaped key': true }, _tapedeck: [{ a: [{}] }, '"\\'] })
  for (const chunkBytes of CHUNK_SIZES) {
    const all = await streamed(file, { chunkBytes })
    expect(all.entries).toEqual(expected)
    expect(all.header).toEqual({ log: { ...JSON.parse(text).log, entries: [] } })
    const some = await streamed(file, { chunkBytes, fields: ['response', '_tapedeck'] })
    expect(some.entries).toEqual(picked)
  }
})

it('reports where log.entries sits, in bytes, for a fold to insert after the last entry', async () => {
  // Multi-byte characters before the entries: offsets count bytes, not characters.
  const head = '{"log":{"version":"1.2","creator":{"name":"标题","version":"1"},"entries":'
  const text = `${head}[ ${TRICKY[0]} , {} ]}}`
  const file = tapeFile(text)
  const open = Buffer.byteLength(head)
  const afterLast = Buffer.byteLength(text) - ' ]}}'.length
  for (const chunkBytes of CHUNK_SIZES) {
    const { span } = await streamed(file, { chunkBytes, fields: [] })
    expect(span).toEqual({ open, afterLast, close: afterLast + 1 })
  }
  const empty = tapeFile(`${head}[ ]}}`)
  expect((await streamed(empty, { chunkBytes: 3 })).span).toEqual({
    open,
    afterLast: undefined,
    close: open + 2,
  })
})

it('finds log.entries when its keys are written with escapes', async () => {
  // JSON.parse reads `"\u006cog"` as "log": a reader that does not would find no entries and
  // return them in the header instead, and replay would load an empty tape without a word.
  const text = tapeText([TRICKY[0]!, '{}'])
    .replace('"log"', String.raw`"\u006cog"`)
    .replace('"entries"', String.raw`"entri\u0065s"`)
  const file = tapeFile(text)
  for (const chunkBytes of [1, 4, 1 << 20]) {
    const { entries, header, span } = await streamed(file, { chunkBytes })
    expect(entries).toEqual(JSON.parse(text).log.entries)
    expect(header.log.entries).toEqual([])
    expect(span?.afterLast).toBe(text.lastIndexOf('}]') + 1)
  }
})

it('fails on a truncated tape, naming the byte where it ends and the entry it cuts', async () => {
  const text = tapeText([TRICKY[0]!, TRICKY[1]!])
  const cut = text.slice(0, text.indexOf('"other"'))
  const file = tapeFile(cut)
  for (const chunkBytes of [1, 7, 1 << 20]) {
    await expect(streamed(file, { chunkBytes })).rejects.toThrow(
      `Failed to load tape "${file}": it ends at byte ${Buffer.byteLength(cut)} inside log.entries[1] (truncated?)`,
    )
  }
  // Cut in a string of the header, after the entries.
  const inHeader = tapeFile(text.slice(0, -8))
  await expect(streamed(inHeader, { chunkBytes: 5 })).rejects.toThrow(
    `it ends at byte ${Buffer.byteLength(text) - 8} inside a string (truncated?)`,
  )
})

it('fails on a bracket that closes what it did not open, even in a field it does not parse', async () => {
  // `request` is skipped unparsed when only `response` is asked for: its brackets are still checked.
  const text = tapeText(['{"response":{}}', '{"request":{"a":[1}},"response":{}}'])
  const at = text.indexOf('[1}') + 2
  const file = tapeFile(text)
  for (const chunkBytes of [1, 1 << 20])
    await expect(streamed(file, { chunkBytes, fields: ['response'] })).rejects.toThrow(
      `Failed to load tape "${file}": log.entries[1]: '}' at byte ${at} closes a '['`,
    )
})

it('fails on entries without a comma between them, naming the byte', async () => {
  const text = tapeText(['{"response":{}}{"response":{}}'])
  const at = text.indexOf('}{') + 1
  const file = tapeFile(text)
  await expect(streamed(file, { chunkBytes: 1 << 20, fields: ['response'] })).rejects.toThrow(
    `Failed to load tape "${file}": log.entries[1]: expected ',' or ']' before byte ${at}`,
  )
})

it('names the entry and its byte offset when an entry is not JSON', async () => {
  const text = tapeText(['{"response":{}}', '{"response":{"a":tru}}'])
  const at = text.indexOf('{"response":{"a"')
  const file = tapeFile(text)
  for (const fields of [undefined, ['response']])
    await expect(streamed(file, { chunkBytes: 16, ...(fields ? { fields } : {}) })).rejects.toThrow(
      new RegExp(
        `^Failed to load tape ".*": log\\.entries\\[1\\] \\(at byte ${at}\\): not JSON \\(`,
      ),
    )
})

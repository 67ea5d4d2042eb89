import { createReadStream } from 'node:fs'
import type { z } from 'zod'
import { formatPath } from '../catalog/index.ts'
import { TapedeckError } from '../errors.ts'
import { type Tape, type TapeEntry, tapeEntrySchema, tapeSchema } from './tape-schema.ts'

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_OBJECT = 0x7b
const OPEN_ARRAY = 0x5b
const CLOSE_OBJECT = 0x7d
const CLOSE_ARRAY = 0x5d
const COLON = 0x3a
const COMMA = 0x2c
/** A closer is its opener plus 2 (`[` `]`, `{` `}`). */
const CLOSER_AFTER_OPENER = 2
/** Depths of the document: `log` is a key at 1, `entries` at 2, its array is 3, an entry 4. */
const ENTRIES = 3
const ENTRY = 4

export type StreamOptions<Entry> = {
  /** Read size; small values exercise entries split across reads (tests). */
  chunkBytes?: number
  /**
   * What each entry is validated against and parsed into: the whole entry by default; a reader
   * that keeps only some fields (replay: the response and `_tapedeck`) validates only those.
   */
  entrySchema?: z.ZodType<Entry>
  /**
   * The top-level fields of each entry to parse; the others are skipped unparsed (all when absent).
   * Replay reads two small fields of a large entry: parsing only those is most of its load time.
   */
  fields?: readonly string[]
  /** Called once the `]` of `log.entries` is read, with where the array sits in the file. */
  onEntriesSpan?: (span: EntriesSpan) => void
}

/**
 * Where `log.entries` sits in a tape file, as byte offsets: its `[`, the byte after its last
 * entry's `}` (undefined when it has none) and its `]`. What a fold needs to insert entries after
 * the last one and keep every other byte of the file as it is.
 */
export type EntriesSpan = { open: number; afterLast: number | undefined; close: number }

/**
 * Reads a tape entry by entry without holding the whole document: a byte scanner finds each
 * object of `log.entries`, which is parsed and validated alone and handed to `onEntry`; the rest
 * of the document (`log` without its entries) is validated at the end and returned. Memory stays
 * at one entry plus what `onEntry` keeps, whatever the tape size. The scanner checks what it
 * walks past unparsed (brackets that match, a comma between entries, an end that closes all):
 * errors name the file, the byte and the entry, or the entry and the field, like `readTape`.
 */
export async function streamTape<Entry = TapeEntry>(
  file: string,
  onEntry: (entry: Entry, index: number) => void,
  options: StreamOptions<Entry> = {},
): Promise<Tape> {
  const schema = (options.entrySchema ?? tapeEntrySchema) as z.ZodType<Entry>
  const wanted = options.fields
  const wantedBytes = wanted?.map((name) => Buffer.from(JSON.stringify(name)))
  const scan: Scan = {
    base: 0,
    depth: 0,
    opens: [],
    inString: false,
    escaped: false,
    expectingKey: false,
    mismatch: 0,
    entry: false,
    entryStart: -1,
    trackFields: wanted !== undefined,
    spans: [],
  }
  const rest: Buffer[] = []
  // The entry, or the key of the document or of `log`, being read: its bytes of earlier reads,
  // and where it starts in this one.
  let pending: Buffer[] = []
  let unitStart = 0
  let inKey = false
  // The keys of the document (1) and of `log` (2) whose values are open.
  const keys: (string | undefined)[] = []
  let inEntries = false
  let entryDone = false
  let index = 0
  // Offsets in the file: of the entries array's parts.
  let entriesOpen = -1
  let afterLast: number | undefined
  const fail = (reason: string, cause?: unknown): never => {
    throw new TapedeckError('E_INVALID_TAPE', `Failed to load tape "${file}": ${reason}`, { cause })
  }
  // The document around the entries, copied: a view would keep its whole read chunk alive, and
  // with it the entries the chunk holds (a 100,000-entry tape would stay in memory).
  const keep = (chunk: Buffer, from: number, to: number) => {
    if (to > from) rest.push(Buffer.from(chunk.subarray(from, to)))
  }
  const unit = (chunk: Buffer, end: number) => {
    const last = chunk.subarray(unitStart, end)
    const bytes = pending.length === 0 ? last : Buffer.concat([...pending, last])
    pending = []
    return bytes
  }
  try {
    for await (const chunk of createReadStream(file, {
      highWaterMark: options.chunkBytes ?? 1 << 20,
    }) as AsyncIterable<Buffer>) {
      let restFrom = scan.entry ? -1 : 0
      unitStart = 0
      for (let i = step(chunk, 0, scan); i !== -1; i = step(chunk, i + 1, scan)) {
        const byte = chunk[i]!
        const at = scan.base + i
        if (scan.mismatch !== 0) {
          const what =
            scan.mismatch === -1 ? 'nothing' : `a '${String.fromCharCode(scan.mismatch)}'`
          const entry = scan.entry ? `log.entries[${index}]: ` : ''
          fail(`${entry}'${String.fromCharCode(byte)}' at byte ${at} closes ${what}`)
        } else if (byte === QUOTE) {
          inKey = scan.inString
          if (inKey) unitStart = i
          // Decoded as JSON.parse reads it: `"\u006cog"` is `log`.
          else keys[scan.depth] = JSON.parse(unit(chunk, i + 1).toString('utf8')) as string
        } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
          // A new value of the document or of `log`: the keys inside it are not known yet.
          if (scan.depth < ENTRIES) keys.length = scan.depth
          else if (scan.depth === ENTRIES && byte === OPEN_ARRAY) {
            inEntries = keys[1] === 'log' && keys[2] === 'entries'
            if (inEntries) entriesOpen = at
          } else if (scan.depth === ENTRY && inEntries && byte === OPEN_OBJECT) {
            if (entryDone) fail(`log.entries[${index}]: expected ',' or ']' before byte ${at}`)
            if (restFrom !== -1) keep(chunk, restFrom, i)
            restFrom = -1
            unitStart = i
            scan.entry = true
            scan.entryStart = at
            scan.spans.length = 0
          }
        } else if (byte === COMMA) {
          // Commas between entries are left out of the rest (its entries array stays empty).
          if (inEntries && scan.depth === ENTRIES) {
            if (restFrom !== -1) keep(chunk, restFrom, i)
            restFrom = i + 1
            entryDone = false
          }
        } else if (scan.entry && scan.depth === ENTRIES) {
          const bytes = unit(chunk, i + 1)
          onEntry(readEntry(bytes, scan, index, wanted, wantedBytes, schema, fail), index)
          index += 1
          afterLast = at + 1
          scan.entry = false
          entryDone = true
          restFrom = i + 1
        } else if (inEntries && scan.depth === ENTRIES - 1) {
          options.onEntriesSpan?.({ open: entriesOpen, afterLast, close: at })
          inEntries = false
        }
      }
      if (scan.entry || inKey) pending.push(chunk.subarray(unitStart))
      if (restFrom !== -1) keep(chunk, restFrom, chunk.length)
      scan.base += chunk.length
    }
  } catch (error) {
    if (error instanceof TapedeckError) throw error
    fail((error as Error).message, error)
  }
  if (scan.depth > 0 || scan.inString) {
    const inside = scan.entry
      ? `log.entries[${index}]`
      : scan.inString
        ? 'a string'
        : 'the document'
    fail(`it ends at byte ${scan.base} inside ${inside} (truncated?)`)
  }
  let document: unknown
  try {
    document = JSON.parse(Buffer.concat(rest).toString('utf8'))
  } catch (error) {
    fail(`not JSON (${(error as Error).message})`, error)
  }
  const header = tapeSchema.safeParse(document)
  if (!header.success) fail(issuesOf(header.error.issues, []))
  return header.data!
}

/** Where a scan of the file stands, between reads and between the bytes `step` stops at. */
type Scan = {
  /** The offset in the file of the current read's first byte. */
  base: number
  /** How many objects and arrays are open, and the bracket that opened each (at its depth). */
  depth: number
  opens: number[]
  inString: boolean
  /** The read ended on a backslash in a string: the next read's first byte is escaped. */
  escaped: boolean
  /** In an object, between its `{` or a `,` and the `:` after the key. */
  expectingKey: boolean
  /** Set at a closer that closes another bracket: the opener that is open (-1: none). */
  mismatch: number
  entry: boolean
  entryStart: number
  trackFields: boolean
  /** Each field of the entry (when `trackFields`): key start, key end, value end, file offsets. */
  spans: number[]
}

/**
 * Scans `chunk` from `from` and returns the index of the next byte the reader acts on, or -1 at
 * the read's end: a key of the document or of `log` (its opening and closing quotes), an opener
 * or a comma up to an entry's depth, a closer back to the entries array's depth or above, and a
 * closer that does not match (`mismatch`). Strings are skipped to their closing quote; an entry's
 * own fields are located without stopping. Everything is local in the loop (the hot path of a big
 * tape's load); the state is written back once.
 */
function step(chunk: Buffer, from: number, scan: Scan): number {
  let { depth, inString, escaped, expectingKey } = scan
  const { opens, spans, base } = scan
  const fields = scan.trackFields && scan.entry
  const end = chunk.length
  let stop = -1
  for (let i = from; i < end; i++) {
    if (inString) {
      // Jump to the closing quote (strings are most of a tape's bytes).
      const start: number = escaped ? i + 1 : i
      const close = closingQuote(chunk, start)
      if (close === -1) {
        escaped = trailingBackslashes(chunk, start) % 2 === 1
        break
      }
      escaped = false
      inString = false
      i = close
      if (!expectingKey) continue
      if (depth < ENTRIES) {
        stop = i
        break
      }
      if (fields && depth === ENTRY && spans.length % 3 === 1) spans.push(base + i + 1)
      continue
    }
    const byte = chunk[i]!
    if (byte === QUOTE) {
      inString = true
      if (!expectingKey) continue
      if (depth < ENTRIES) {
        stop = i
        break
      }
      if (fields && depth === ENTRY && spans.length % 3 === 0) spans.push(base + i)
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      depth += 1
      opens[depth] = byte
      expectingKey = byte === OPEN_OBJECT
      if (depth <= ENTRY) {
        stop = i
        break
      }
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      if (depth === 0 || opens[depth] !== byte - CLOSER_AFTER_OPENER) {
        scan.mismatch = depth === 0 ? -1 : opens[depth]!
        stop = i
        break
      }
      if (fields && depth === ENTRY && spans.length % 3 === 2) spans.push(base + i)
      depth -= 1
      expectingKey = false
      if (depth <= ENTRIES) {
        stop = i
        break
      }
    } else if (byte === COLON) expectingKey = false
    else if (byte === COMMA) {
      expectingKey = opens[depth] === OPEN_OBJECT
      if (fields && depth === ENTRY && spans.length % 3 === 2) spans.push(base + i)
      if (depth <= ENTRIES) {
        stop = i
        break
      }
    }
  }
  scan.depth = depth
  scan.inString = inString
  scan.escaped = escaped
  scan.expectingKey = expectingKey
  return stop
}

/** The index of the first unescaped `"` at or after `from` (`from` itself is not escaped), or -1. */
function closingQuote(chunk: Buffer, from: number): number {
  // Most strings of a tape are short (names, header values): walking a few bytes here is cheaper
  // than a call into `indexOf`, which takes over for the long ones.
  const near = Math.min(chunk.length, from + SHORT_STRING)
  for (let at = from; at < near; at++) {
    const byte = chunk[at]
    if (byte === QUOTE) return at
    if (byte === BACKSLASH) at += 1
  }
  let at = chunk.indexOf(QUOTE, near)
  while (at !== -1) {
    let slashes = 0
    while (at - slashes - 1 >= from && chunk[at - slashes - 1] === BACKSLASH) slashes++
    if (slashes % 2 === 0) return at
    at = chunk.indexOf(QUOTE, at + 1)
  }
  return -1
}

/** How far `closingQuote` walks byte by byte before it searches. */
const SHORT_STRING = 48

/** How many backslashes end the chunk (from `from` on): odd means the next byte is escaped. */
function trailingBackslashes(chunk: Buffer, from: number): number {
  let count = 0
  while (chunk.length - count - 1 >= from && chunk[chunk.length - count - 1] === BACKSLASH) count++
  return count
}

/** Parses and validates one entry: all of its bytes, or only the `wanted` fields. */
function readEntry<Entry>(
  bytes: Buffer,
  scan: Scan,
  index: number,
  wanted: readonly string[] | undefined,
  wantedBytes: readonly Buffer[] | undefined,
  schema: z.ZodType<Entry>,
  fail: (reason: string, cause?: unknown) => never,
): Entry {
  let value: unknown
  try {
    value = JSON.parse(wanted ? pickFields(bytes, scan, wanted, wantedBytes!) : bytes.toString())
  } catch (error) {
    const reason = `not JSON (${(error as Error).message})`
    return fail(`log.entries[${index}] (at byte ${scan.entryStart}): ${reason}`, error)
  }
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  return fail(issuesOf(parsed.error.issues, ['log', 'entries', index]))
}

/**
 * The JSON text of an object holding only the `wanted` fields of an entry, cut from its bytes at
 * the spans the scanner found (keys are JSON strings, so a key written with escapes still counts).
 */
function pickFields(
  bytes: Buffer,
  { spans, entryStart }: Scan,
  wanted: readonly string[],
  wantedBytes: readonly Buffer[],
): string {
  let text = ''
  for (let at = 0; at + 2 < spans.length; at += 3) {
    const from = spans[at]! - entryStart
    const keyEnd = spans[at + 1]! - entryStart
    let escaped = false
    for (let at = from; at < keyEnd && !escaped; at++) escaped = bytes[at] === BACKSLASH
    const isWanted = escaped
      ? wanted.includes(JSON.parse(bytes.toString('utf8', from, keyEnd)) as string)
      : wantedBytes.some((name) => sameBytes(name, bytes, from, keyEnd))
    // `"key": value`, as written.
    if (isWanted)
      text += `${text === '' ? '' : ','}${bytes.toString('utf8', from, spans[at + 2]! - entryStart)}`
  }
  return `{${text}}`
}

/** Whether `bytes[from, to)` equals `name` (a loop: cheaper than `Buffer#compare` for a few bytes). */
function sameBytes(name: Buffer, bytes: Buffer, from: number, to: number): boolean {
  if (to - from !== name.length) return false
  for (let at = 0; at < name.length; at++) if (name[at] !== bytes[from + at]) return false
  return true
}

function issuesOf(
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
  prefix: PropertyKey[],
): string {
  return issues
    .slice(0, 10)
    .map((issue) => `${formatPath([...prefix, ...issue.path]) || '(root)'}: ${issue.message}`)
    .join('; ')
}

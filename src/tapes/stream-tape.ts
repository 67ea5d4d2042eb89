import { createReadStream } from 'node:fs'
import type { z } from 'zod'
import { formatPath } from '../catalog/index.ts'
import { TapedeckError } from '../errors.ts'
import { type Tape, type TapeEntry, tapeEntrySchema, tapeSchema } from './tape-schema.ts'

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d
const COLON = 0x3a
const COMMA = 0x2c

type Container = { array: boolean; key: string | undefined; lastKey: string | undefined }

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
 * at one entry plus what `onEntry` keeps, whatever the tape size. Errors name the file, the entry
 * index and the field, like `readTape`.
 */
export async function streamTape<Entry = TapeEntry>(
  file: string,
  onEntry: (entry: Entry, index: number) => void,
  options: StreamOptions<Entry> = {},
): Promise<Tape> {
  const chunkBytes = options.chunkBytes ?? 1 << 20
  const schema = (options.entrySchema ?? tapeEntrySchema) as z.ZodType<Entry>
  const stack: Container[] = []
  const rest: Buffer[] = []
  let inString = false
  let escaped = false
  let expectingKey = false
  let keyBytes: number[] | undefined
  let entryParts: Buffer[] | undefined
  let entryStart = -1
  // Inside an entry `scanEntry` takes over: the entry (or the fields asked for) is parsed once
  // it closes.
  const scan = startEntry(undefined)
  const wanted = options.fields
  const wantedBytes = wanted?.map((name) => Buffer.from(JSON.stringify(name)))
  let partsBytes = 0
  let index = 0
  // Offsets in the file: of the current read's first byte, and of the entries array's parts.
  let offset = 0
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
  const inEntries = () =>
    stack.length === 3 && stack[2]!.array && stack[2]!.key === 'entries' && stack[1]!.key === 'log'
  try {
    for await (const chunk of createReadStream(file, {
      highWaterMark: chunkBytes,
    }) as AsyncIterable<Buffer>) {
      let restFrom = entryParts ? -1 : 0
      if (entryParts) entryStart = 0
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i]!
        if (inString && !keyBytes) {
          // Jump to the closing quote instead of walking to it.
          const start: number = escaped ? i + 1 : i
          const end = closingQuote(chunk, start)
          escaped = false
          if (end === -1) {
            escaped = trailingBackslashes(chunk, start) % 2 === 1
            i = chunk.length
            continue
          }
          inString = false
          i = end
          continue
        }
        if (entryParts) {
          const closed = scanEntry(chunk, i, scan, partsBytes - entryStart, wanted !== undefined)
          if (closed === -1) break
          i = closed
          entryParts.push(chunk.subarray(entryStart, i + 1))
          const bytes = entryParts.length === 1 ? entryParts[0]! : Buffer.concat(entryParts)
          const value = wanted
            ? pickFields(bytes, scan.spans, wanted, wantedBytes, index, fail)
            : bytes
          onEntry(parseEntry(value, index, schema, fail), index)
          index += 1
          afterLast = offset + i + 1
          entryParts = undefined
          expectingKey = false
          restFrom = i + 1
          continue
        }
        if (inString) {
          if (escaped) escaped = false
          else if (byte === BACKSLASH) escaped = true
          else if (byte === QUOTE) {
            inString = false
            if (keyBytes) {
              stack.at(-1)!.lastKey = Buffer.from(keyBytes).toString('utf8')
              keyBytes = undefined
            }
          } else keyBytes?.push(byte)
          continue
        }
        if (byte === QUOTE) {
          inString = true
          // Keys are only tracked outside entries (they are short there: `log`, `entries`, …).
          if (expectingKey) keyBytes = []
        } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
          if (byte === OPEN_OBJECT && inEntries()) {
            if (restFrom !== -1) keep(chunk, restFrom, i)
            restFrom = -1
            entryParts = []
            entryStart = i
            partsBytes = 0
            startEntry(scan)
            continue
          }
          const parent = stack.at(-1)
          stack.push({
            array: byte === OPEN_ARRAY,
            key: parent && !parent.array ? parent.lastKey : undefined,
            lastKey: undefined,
          })
          expectingKey = byte === OPEN_OBJECT
          if (byte === OPEN_ARRAY && inEntries()) entriesOpen = offset + i
        } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
          if (byte === CLOSE_ARRAY && inEntries())
            options.onEntriesSpan?.({ open: entriesOpen, afterLast, close: offset + i })
          stack.pop()
          expectingKey = false
        } else if (byte === COLON) expectingKey = false
        else if (byte === COMMA) {
          expectingKey = !stack.at(-1)?.array
          // Commas between entries are left out of the rest (its entries array stays empty).
          if (inEntries()) {
            if (restFrom !== -1) keep(chunk, restFrom, i)
            restFrom = i + 1
          }
        }
      }
      if (entryParts) {
        entryParts.push(chunk.subarray(entryStart))
        partsBytes += chunk.length - entryStart
      } else if (restFrom !== -1) keep(chunk, restFrom, chunk.length)
      offset += chunk.length
    }
  } catch (error) {
    if (error instanceof TapedeckError) throw error
    fail((error as Error).message, error)
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

/**
 * Where the scan of one entry stands between reads: nesting depth, string state, and where each
 * of the entry's own fields (depth 1) sits, as offsets into its bytes, four per field: key start,
 * key end, value start, value end (flat, so a field costs no object).
 */
type EntryScan = {
  depth: number
  inString: boolean
  escaped: boolean
  expectingKey: boolean
  keyOpen: boolean
  spanOpen: boolean
  spans: number[]
}

/** A scan at the opening `{` of an entry (the state is reused from entry to entry). */
function startEntry(scan: EntryScan | undefined): EntryScan {
  const next = scan ?? ({ spans: [] } as unknown as EntryScan)
  next.depth = 1
  next.inString = false
  next.escaped = false
  next.expectingKey = true
  next.keyOpen = false
  next.spanOpen = false
  next.spans.length = 0
  return next
}

/**
 * Scans an entry's bytes from `from` (the byte after its opening `{`, or a read's first byte):
 * returns the index of the `}` that closes it, or -1 when the read ends first. `base` turns an
 * index of `chunk` into an offset in the entry. Everything is local in the loop (the hot path of
 * a big tape's load); the state is written back once.
 */
function scanEntry(
  chunk: Buffer,
  from: number,
  scan: EntryScan,
  base: number,
  trackFields: boolean,
): number {
  let { depth, inString, escaped, expectingKey, keyOpen, spanOpen } = scan
  const { spans } = scan
  const end = chunk.length
  let closed = -1
  for (let i = from; i < end; i++) {
    if (inString) {
      // Jump to the closing quote (strings are most of an entry's bytes).
      const start: number = escaped ? i + 1 : i
      const close = closingQuote(chunk, start)
      if (close === -1) {
        escaped = trailingBackslashes(chunk, start) % 2 === 1
        break
      }
      escaped = false
      inString = false
      i = close
      if (keyOpen) {
        keyOpen = false
        spans.push(base + i + 1)
      }
      continue
    }
    const byte = chunk[i]!
    if (byte === QUOTE) {
      inString = true
      if (trackFields && depth === 1 && expectingKey) {
        spans.push(base + i)
        spanOpen = true
        keyOpen = true
      }
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) depth += 1
    else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth -= 1
      if (depth === 0) {
        if (spanOpen) spans.push(base + i)
        closed = i
        break
      }
    } else if (trackFields && depth === 1) {
      if (byte === COLON && spanOpen) {
        expectingKey = false
        spans.push(base + i + 1)
      } else if (byte === COMMA) {
        if (spanOpen) spans.push(base + i)
        spanOpen = false
        expectingKey = true
      }
    }
  }
  Object.assign(scan, { depth, inString, escaped, expectingKey, keyOpen, spanOpen })
  return closed
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

/**
 * The JSON text of an object holding only the `wanted` fields of an entry, cut from its bytes at
 * the spans the scanner found (keys are JSON strings, so a key written with escapes still counts).
 */
function pickFields(
  bytes: Buffer,
  spans: readonly number[],
  wanted: readonly string[],
  wantedBytes: readonly Buffer[] | undefined,
  index: number,
  fail: (reason: string, cause?: unknown) => never,
): string {
  let text = ''
  for (let at = 0; at + 3 < spans.length; at += 4) {
    const keyFrom = spans[at]!
    if (!isWanted(bytes, keyFrom, spans[at + 1]!, wanted, wantedBytes, index, fail)) continue
    // `"key": value`, as written.
    text += `${text === '' ? '' : ','}${bytes.toString('utf8', keyFrom, spans[at + 3])}`
  }
  return `{${text}}`
}

/** Whether the JSON string at `bytes[from, to)` is one of `wanted`: bytes compared, escapes decoded. */
function isWanted(
  bytes: Buffer,
  from: number,
  to: number,
  wanted: readonly string[],
  wantedBytes: readonly Buffer[] | undefined,
  index: number,
  fail: (reason: string, cause?: unknown) => never,
): boolean {
  let escaped = false
  for (let at = from; at < to && !escaped; at++) escaped = bytes[at] === BACKSLASH
  if (!escaped) return wantedBytes!.some((name) => sameBytes(name, bytes, from, to))
  try {
    return wanted.includes(JSON.parse(bytes.toString('utf8', from, to)) as string)
  } catch (error) {
    return fail(`log.entries[${index}]: not JSON (${(error as Error).message})`, error)
  }
}

/** Whether `bytes[from, to)` equals `name` (a loop: cheaper than `Buffer#compare` for a few bytes). */
function sameBytes(name: Buffer, bytes: Buffer, from: number, to: number): boolean {
  if (to - from !== name.length) return false
  for (let at = 0; at < name.length; at++) if (name[at] !== bytes[from + at]) return false
  return true
}

function parseEntry<Entry>(
  bytes: Buffer | string,
  index: number,
  schema: z.ZodType<Entry>,
  fail: (reason: string, cause?: unknown) => never,
): Entry {
  let value: unknown
  try {
    value = JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8'))
  } catch (error) {
    return fail(`log.entries[${index}]: not JSON (${(error as Error).message})`, error)
  }
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  return fail(issuesOf(parsed.error.issues, ['log', 'entries', index]))
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

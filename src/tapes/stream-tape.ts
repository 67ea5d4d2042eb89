import { createReadStream } from 'node:fs'
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

/**
 * Reads a tape entry by entry without holding the whole document: a byte scanner finds each
 * object of `log.entries`, which is parsed and validated alone and handed to `onEntry`; the rest
 * of the document (`log` without its entries) is validated at the end and returned. Memory stays
 * at one entry plus what `onEntry` keeps, whatever the tape size. Errors name the file, the entry
 * index and the field, like `readTape`.
 */
export async function streamTape(
  file: string,
  onEntry: (entry: TapeEntry, index: number) => void,
  /** Read size; small values exercise entries split across reads (tests). */
  chunkBytes = 1 << 20,
): Promise<Tape> {
  const stack: Container[] = []
  const rest: Buffer[] = []
  let inString = false
  let escaped = false
  let expectingKey = false
  let keyBytes: number[] | undefined
  let entryParts: Buffer[] | undefined
  let entryStart = -1
  let index = 0
  const fail = (reason: string, cause?: unknown): never => {
    throw new TapedeckError('E_INVALID_TAPE', `Failed to load tape "${file}": ${reason}`, { cause })
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
          // Most bytes are inside strings: jump to the closing quote instead of walking to it.
          const end = closingQuote(chunk, escaped ? i + 1 : i)
          escaped = false
          if (end === -1) {
            escaped = trailingBackslashes(chunk, i) % 2 === 1
            i = chunk.length
            continue
          }
          inString = false
          i = end
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
          if (expectingKey && !entryParts) keyBytes = []
        } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
          if (byte === OPEN_OBJECT && inEntries() && !entryParts) {
            if (restFrom !== -1) rest.push(chunk.subarray(restFrom, i))
            restFrom = -1
            entryParts = []
            entryStart = i
          }
          const parent = stack.at(-1)
          stack.push({
            array: byte === OPEN_ARRAY,
            key: parent && !parent.array ? parent.lastKey : undefined,
            lastKey: undefined,
          })
          expectingKey = byte === OPEN_OBJECT
        } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
          stack.pop()
          expectingKey = false
          if (entryParts && inEntries()) {
            entryParts.push(chunk.subarray(entryStart, i + 1))
            onEntry(parseEntry(Buffer.concat(entryParts), index, fail), index)
            index += 1
            entryParts = undefined
            restFrom = i + 1
          }
        } else if (byte === COLON) expectingKey = false
        else if (byte === COMMA) {
          expectingKey = !stack.at(-1)?.array
          // Commas between entries are left out of the rest (its entries array stays empty).
          if (inEntries() && !entryParts) {
            if (restFrom !== -1) rest.push(chunk.subarray(restFrom, i))
            restFrom = i + 1
          }
        }
      }
      if (entryParts) entryParts.push(chunk.subarray(entryStart))
      else if (restFrom !== -1) rest.push(chunk.subarray(restFrom))
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

/** The index of the first unescaped `"` at or after `from` (`from` itself is not escaped), or -1. */
function closingQuote(chunk: Buffer, from: number): number {
  let at = chunk.indexOf(QUOTE, from)
  while (at !== -1) {
    let slashes = 0
    while (at - slashes - 1 >= from && chunk[at - slashes - 1] === BACKSLASH) slashes++
    if (slashes % 2 === 0) return at
    at = chunk.indexOf(QUOTE, at + 1)
  }
  return -1
}

/** How many backslashes end the chunk (from `from` on): odd means the next byte is escaped. */
function trailingBackslashes(chunk: Buffer, from: number): number {
  let count = 0
  while (chunk.length - count - 1 >= from && chunk[chunk.length - count - 1] === BACKSLASH) count++
  return count
}

function parseEntry(
  bytes: Buffer,
  index: number,
  fail: (reason: string, cause?: unknown) => never,
): TapeEntry {
  let value: unknown
  try {
    value = JSON.parse(bytes.toString('utf8'))
  } catch (error) {
    return fail(`log.entries[${index}]: not JSON (${(error as Error).message})`, error)
  }
  const parsed = tapeEntrySchema.safeParse(value)
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

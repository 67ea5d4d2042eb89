import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { z } from 'zod'
import { formatPath } from '../catalog/index.ts'
import { TapedeckError } from '../errors.ts'
import { type TapeEntry, tapeEntrySchema, tapeSchema } from './tape-schema.ts'

/**
 * The journal a recorder appends to beside its tape (`<tape>.journal`, NDJSON): a header line, then
 * one HAR entry per line, each line written whole by one write. `replace` (record-all): the tape
 * becomes the header's `tape` plus the journal's entries, and the file on disk is left as it was
 * until the fold. `append` (record-missing): the entries go after those of the tape on disk, which
 * had `baseBytes` bytes when the journal began.
 */
export const journalHeaderSchema = z.discriminatedUnion('base', [
  z.strictObject({
    tapedeckJournal: z.literal(1),
    base: z.literal('replace'),
    createdAt: z.string(),
    tape: tapeSchema,
  }),
  z.strictObject({
    tapedeckJournal: z.literal(1),
    base: z.literal('append'),
    createdAt: z.string(),
    baseBytes: z.number().int().nonnegative(),
  }),
])

export type JournalHeader = z.infer<typeof journalHeaderSchema>

/** A journal found beside a tape. */
export type JournalState = {
  path: string
  /** Undefined when not even the header line is complete (killed during the first write). */
  header: JournalHeader | undefined
  /**
   * True when the journal holds interactions the tape does not: its header and at least one
   * entry are complete, and (append) the tape still has the size it had when the journal began.
   * Otherwise it is left over (already folded, or nothing completed) and readers ignore it.
   */
  pending: boolean
}

const NEWLINE = 0x0a

/** The journal file of a tape. */
export function journalPath(tape: string): string {
  return `${tape}.journal`
}

/**
 * Reads the header of the journal beside `tape` (and looks for one complete entry after it);
 * undefined when there is none. A complete header line that is not a journal header fails with
 * the journal's path.
 */
export async function readJournalHeader(tape: string): Promise<JournalState | undefined> {
  const path = journalPath(tape)
  let handle: Awaited<ReturnType<typeof open>>
  try {
    handle = await open(path, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    return fail(path, (error as Error).message, error)
  }
  const parts: Buffer[] = []
  let newlines = 0
  let headerEnd = -1
  let read = 0
  try {
    const chunk = Buffer.alloc(64 * 1024)
    // Up to the end of the first entry: enough to know whether the journal holds one.
    while (newlines < 2) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, read)
      if (bytesRead === 0) break
      const piece = Buffer.from(chunk.subarray(0, bytesRead))
      for (let at = piece.indexOf(NEWLINE); at !== -1 && newlines < 2; ) {
        newlines += 1
        if (headerEnd === -1) headerEnd = read + at
        at = piece.indexOf(NEWLINE, at + 1)
      }
      parts.push(piece)
      read += bytesRead
    }
  } finally {
    await handle.close()
  }
  if (headerEnd === -1) return { path, header: undefined, pending: false }
  const header = parseHeader(Buffer.concat(parts).toString('utf8', 0, headerEnd), path)
  let pending = newlines >= 2
  if (pending && header.base === 'append') pending = (await sizeOf(tape)) === header.baseBytes
  return { path, header, pending }
}

/** Options of `streamJournal`. */
export type JournalStreamOptions<Entry> = {
  /** What each entry is validated against (the whole entry by default); `false` skips it. */
  entrySchema?: z.ZodType<Entry> | false
  chunkBytes?: number
}

/**
 * Reads the entries of the journal beside `tape` line by line, handing each to `onEntry` as
 * written (validated against the schema, not transformed by it); resolves with their number. A
 * last line without its newline (the process was killed while writing it) is not an entry.
 * Memory stays at one read chunk. Errors name the journal and the line.
 */
export async function streamJournal<Entry = TapeEntry>(
  tape: string,
  onEntry: (entry: Entry, index: number) => void,
  options: JournalStreamOptions<Entry> = {},
): Promise<number> {
  const path = journalPath(tape)
  const schema = options.entrySchema ?? tapeEntrySchema
  let pending: Buffer[] = []
  let line = 0
  let count = 0
  const take = (bytes: Buffer) => {
    line += 1
    if (line === 1) return
    let value: unknown
    try {
      value = JSON.parse(bytes.toString('utf8'))
    } catch (error) {
      fail(path, `line ${line}: not JSON (${(error as Error).message})`, error)
    }
    if (schema) {
      const parsed = schema.safeParse(value)
      if (!parsed.success) fail(path, `line ${line}: ${issuesOf(parsed.error.issues)}`)
    }
    onEntry(value as Entry, count)
    count += 1
  }
  try {
    for await (const chunk of createReadStream(path, {
      highWaterMark: options.chunkBytes ?? 1 << 20,
    }) as AsyncIterable<Buffer>) {
      let from = 0
      for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, from)) {
        const piece = chunk.subarray(from, at)
        take(pending.length === 0 ? piece : Buffer.concat([...pending, piece]))
        pending = []
        from = at + 1
      }
      // A copy: a view would keep the whole read chunk alive.
      if (from < chunk.length) pending.push(Buffer.from(chunk.subarray(from)))
    }
  } catch (error) {
    if (error instanceof TapedeckError) throw error
    fail(path, (error as Error).message, error)
  }
  return count
}

function parseHeader(text: string, path: string): JournalHeader {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return fail(path, `line 1: not a tapedeck journal header (${(error as Error).message})`, error)
  }
  const parsed = journalHeaderSchema.safeParse(value)
  if (!parsed.success)
    return fail(
      path,
      `line 1: not a tapedeck journal header (${issuesOf(parsed.error.issues)}); move it away to read the tape without it`,
    )
  // As written: the tape in a `replace` header is rendered key for key at the fold.
  return value as JournalHeader
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

function issuesOf(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 10)
    .map((issue) => `${formatPath(issue.path) || '(root)'}: ${issue.message}`)
    .join('; ')
}

function fail(path: string, reason: string, cause?: unknown): never {
  throw new TapedeckError('E_INVALID_TAPE', `Failed to load tape journal "${path}": ${reason}`, {
    cause,
  })
}

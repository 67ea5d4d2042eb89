import { randomBytes } from 'node:crypto'
import { closeSync, createReadStream, openSync, unlinkSync, writeSync } from 'node:fs'
import { rename, unlink } from 'node:fs/promises'
import { z } from 'zod'
import { TapedeckError } from '../errors.ts'
import type { Registry } from '../protocols/index.ts'
import { createLeakScanner } from './create-leak-scanner.ts'
import { createTapeRenderer, ENTRIES_CLOSE, renderEntry } from './create-tape-renderer.ts'
import { readJournalHeader, streamJournal } from './stream-journal.ts'
import { type EntriesSpan, streamTape } from './stream-tape.ts'

export type FoldOptions = {
  /** Configured secrets the fold refuses to write (what it writes is scanned for them). */
  secrets?: Iterable<string>
  /** The schemes whose key shapes the scan looks for; the built-in ones by default. */
  registry?: Registry
  /** Validate the journal's entries (default); a recorder folding its own journal skips it. */
  validate?: boolean
}

/** Text is written in pieces of about this many characters. */
const FLUSH_CHARS = 1 << 20

/**
 * Folds the journal beside `tape` into it: the merged tape is written to a temporary file, renamed
 * over the tape, and the journal deleted; resolves with the number of entries folded in (0 for a
 * journal left over, which is just deleted; undefined when there is none). `replace`: the header's
 * tape with the journal's entries, entry by entry (the bytes `writeTape` would write). `append`:
 * the tape file's own bytes kept as they are, the journal's entries inserted after its last entry
 * (for a tape `writeTape` wrote, the bytes it would write for the merged tape; a HAR file of
 * another recorder keeps its entries and every other field byte for byte). Only what the fold adds
 * is leak-scanned: the tape's own bytes were on disk before (a recorder checks them at start).
 * Killed at any point, the tape and its journal still read as before (a journal whose tape was
 * already replaced is recognised by the tape's size).
 */
export async function foldJournal(
  tape: string,
  options: FoldOptions = {},
): Promise<number | undefined> {
  const journal = await readJournalHeader(tape)
  if (!journal) return undefined
  if (!journal.pending || !journal.header) {
    await unlink(journal.path)
    return 0
  }
  const { header } = journal
  const scanner = createLeakScanner(options.secrets, options.registry)
  // Located before the temporary file exists: a tape that cannot be read leaves nothing behind.
  const span = header.base === 'append' ? await entriesSpan(tape) : undefined
  const temporary = `${tape}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  const fd = openSync(temporary, 'w')
  let batch = ''
  // Synchronous writes between asynchronous reads: the entries come from synchronous callbacks.
  const flush = () => {
    const leaks = scanner.scan(batch)
    if (leaks.length > 0) {
      throw new TapedeckError(
        'E_TAPE_LEAK',
        `Failed to write tape "${tape}": it would contain ${[...new Set(leaks.map((leak) => leak.kind))].join(', ')}; the tape and its journal "${journal.path}" were left as they are`,
      )
    }
    writeSync(fd, batch)
    batch = ''
  }
  const put = (text: string) => {
    batch += text
    if (batch.length >= FLUSH_CHARS) flush()
  }
  /** Copies bytes of the tape file as they are (not scanned: they were on disk before the fold). */
  const copy = async (start: number, end?: number) => {
    flush()
    if (end !== undefined && end <= start) return
    const stream = createReadStream(tape, { start, ...(end === undefined ? {} : { end: end - 1 }) })
    for await (const chunk of stream as AsyncIterable<Buffer>) writeSync(fd, chunk)
  }
  const validate = options.validate === false ? { entrySchema: false as const } : {}
  let folded = 0
  try {
    if (header.base === 'replace') {
      const renderer = createTapeRenderer(header.tape)
      for (const entry of header.tape.log.entries) put(renderer.entry(entry))
      folded = await streamJournal(tape, (entry) => put(renderer.entry(entry)), validate)
      put(renderer.end())
      flush()
    } else {
      // After the last entry (`,` then the entry), or into an empty array (its inside replaced).
      const { open, afterLast, close } = span!
      await copy(0, afterLast ?? open + 1)
      folded = await streamJournal(
        tape,
        (entry, index) =>
          put(`${afterLast === undefined && index === 0 ? '' : ','}${renderEntry(entry)}`),
        validate,
      )
      if (afterLast === undefined && folded > 0) put(ENTRIES_CLOSE)
      await copy(afterLast ?? (folded > 0 ? close : open + 1))
    }
  } catch (error) {
    closeSync(fd)
    unlinkSync(temporary)
    throw error
  }
  closeSync(fd)
  await rename(temporary, tape)
  await unlink(journal.path)
  return folded
}

/** Where `log.entries` sits in the tape file, found in one pass that parses none of the entries. */
async function entriesSpan(tape: string): Promise<EntriesSpan> {
  let span: EntriesSpan | undefined
  await streamTape(tape, () => undefined, {
    entrySchema: z.unknown(),
    fields: [],
    onEntriesSpan: (found) => {
      span = found
    },
  })
  if (!span)
    throw new TapedeckError(
      'E_INVALID_TAPE',
      `Failed to load tape "${tape}": log.entries: not found`,
    )
  return span
}

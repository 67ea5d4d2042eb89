import { randomBytes } from 'node:crypto'
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs'
import { rename, unlink } from 'node:fs/promises'
import { z } from 'zod'
import { TapedeckError } from '../errors.ts'
import { createLeakScanner } from './create-leak-scanner.ts'
import { createTapeRenderer, type TapeRenderer } from './create-tape-renderer.ts'
import { readJournalHeader, streamJournal } from './stream-journal.ts'
import { streamTape } from './stream-tape.ts'
import type { Tape } from './tape-schema.ts'

export type FoldOptions = {
  /** Configured secrets the fold refuses to write (what it writes is scanned for them). */
  secrets?: Iterable<string>
  /** Validate the journal's entries (default); a recorder folding its own journal skips it. */
  validate?: boolean
}

/** Text is written in pieces of about this many characters. */
const FLUSH_CHARS = 1 << 20

/**
 * Folds the journal beside `tape` into it: the merged tape is written entry by entry to a
 * temporary file (the same bytes `writeTape` would write), renamed over the tape, and the journal
 * deleted; resolves with the number of entries folded in (0 for a journal left over, which is just
 * deleted; undefined when there is none). Killed at any point, the tape and its journal still read
 * as before (a journal whose tape was already replaced is recognised by the tape's size).
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
  const scanner = createLeakScanner(options.secrets)
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
  let folded = 0
  try {
    let renderer: TapeRenderer
    if (header.base === 'replace') {
      renderer = createTapeRenderer(header.tape)
      for (const entry of header.tape.log.entries) put(renderer.entry(entry))
    } else {
      renderer = createTapeRenderer(await tapeShell(tape))
      await streamTape(tape, (entry) => put(renderer.entry(entry)))
    }
    folded = await streamJournal(tape, (entry) => put(renderer.entry(entry)), {
      ...(options.validate === false ? { entrySchema: false } : {}),
    })
    put(renderer.end())
    flush()
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

/** A tape without its entries, read in one pass that parses none of them. */
function tapeShell(tape: string): Promise<Tape> {
  return streamTape(tape, () => undefined, { entrySchema: z.unknown(), fields: [] })
}

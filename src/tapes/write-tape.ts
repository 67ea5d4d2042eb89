import { randomBytes } from 'node:crypto'
import { rename, rm, writeFile } from 'node:fs/promises'
import { TapedeckError } from '../errors.ts'
import { findLeaks } from './find-leaks.ts'
import { journalPath } from './stream-journal.ts'
import type { Tape } from './tape-schema.ts'

/**
 * Writes a tape atomically: the whole document to a temporary file beside it, then a rename, so a
 * reader (or a writer killed at any moment) sees the old tape or the new one, never half of one.
 * A whole tape written replaces what a recorder's journal beside it held: the journal is deleted.
 * Refuses to write when the leak scan finds a secret; the message names the kind, not the value.
 */
export async function writeTape(
  file: string,
  tape: Tape,
  secrets: Iterable<string> = [],
): Promise<void> {
  const text = `${JSON.stringify(tape, null, 2)}\n`
  const leaks = findLeaks(text, secrets)
  if (leaks.length > 0) {
    throw new TapedeckError(
      'E_TAPE_LEAK',
      `Failed to write tape "${file}": it would contain ${[...new Set(leaks.map((leak) => leak.kind))].join(', ')}; nothing was written`,
    )
  }
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  await writeFile(temporary, text)
  await rename(temporary, file)
  await rm(journalPath(file), { force: true })
}

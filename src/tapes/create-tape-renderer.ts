import { randomUUID } from 'node:crypto'
import type { Tape } from './tape-schema.ts'

/** Renders one tape piece by piece; see `createTapeRenderer`. */
export type TapeRenderer = {
  /** The text of the next entry, after what precedes it (the document's head, or a comma). */
  entry(entry: unknown): string
  /** What follows the last entry, to the final newline (the whole document when there was none). */
  end(): string
}

/** What precedes each entry of a tape as `writeTape` writes it (`log.entries[i]`, two-space indent). */
const ENTRY_INDENT = '\n      '

/** What follows the last entry, before the `]` of `log.entries`. */
export const ENTRIES_CLOSE = '\n    '

/** One entry's text as `writeTape` writes it inside `log.entries`, its indent before it. */
export function renderEntry(entry: unknown): string {
  return `${ENTRY_INDENT}${JSON.stringify(entry, null, 2).replaceAll('\n', ENTRY_INDENT)}`
}

/**
 * Creates a renderer that produces, entry by entry, exactly the bytes `writeTape` writes
 * (`JSON.stringify(tape, null, 2)` and a newline) for `tape` with the entries handed to it in
 * place of its own `log.entries`: a fold of 100,000 entries never builds one giant string.
 * JSON text holds no raw newline inside a string, so indenting an entry is a replace of `\n`.
 */
export function createTapeRenderer(tape: Tape): TapeRenderer {
  const marker = JSON.stringify(`\u0000tapedeck-entries:${randomUUID()}`)
  const shell = JSON.stringify(
    { ...tape, log: { ...tape.log, entries: [JSON.parse(marker)] } },
    null,
    2,
  )
  const at = shell.indexOf(marker)
  // Up to the `[` of the entries, and from their `]`.
  const head = shell.slice(0, shell.lastIndexOf('[', at) + 1)
  const tail = `${shell.slice(shell.indexOf(']', at + marker.length))}\n`
  const empty = `${head}${tail}`
  let count = 0
  return {
    entry(entry) {
      count += 1
      return count === 1 ? `${head}${renderEntry(entry)}` : `,${renderEntry(entry)}`
    },
    end: () => (count === 0 ? empty : `${ENTRIES_CLOSE}${tail}`),
  }
}

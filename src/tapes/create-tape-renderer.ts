import { randomUUID } from 'node:crypto'
import type { Tape } from './tape-schema.ts'

/** Renders one tape piece by piece; see `createTapeRenderer`. */
export type TapeRenderer = {
  /** The text of the next entry, after what precedes it (the document's head, or a comma). */
  entry(entry: unknown): string
  /** What follows the last entry, to the final newline (the whole document when there was none). */
  end(): string
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
  const head = shell.slice(0, at)
  const tail = `${shell.slice(at + marker.length)}\n`
  const indent = head.slice(head.lastIndexOf('\n'))
  const empty = `${head.slice(0, head.lastIndexOf('[') + 1)}${tail.slice(tail.indexOf(']'))}`
  let count = 0
  return {
    entry(entry) {
      const text = JSON.stringify(entry, null, 2).replaceAll('\n', indent)
      count += 1
      return count === 1 ? `${head}${text}` : `,${indent}${text}`
    },
    end: () => (count === 0 ? empty : tail),
  }
}

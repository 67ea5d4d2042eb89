import type { SkippedEntry } from './classify-entry.ts'
import { createEntry, entryRequest, entryResponse } from './create-entry.ts'
import { createTape, type LoadedTape } from './read-tape.ts'
import type { Tape } from './tape-schema.ts'

export type ImportedTape = {
  tape: Tape
  /** The values redaction removed, for the leak scan of the whole tape before it is written. */
  secrets: string[]
  /** Per source file, the entries left out (no known call), with the reason. */
  skipped: Array<{ source: string } & SkippedEntry>
}

/**
 * Builds a tapedeck tape from loaded HAR files (`readTape` classified their entries): each entry is
 * rebuilt from its request and response exactly as the recorder builds one (`createEntry`:
 * redaction by construction, bodies kept byte for byte, a fresh match key), so the other recorder's
 * fields are dropped and nothing reaches the tape that the recorder would not write. Write it with
 * `writeTape(file, tape, secrets)`, which refuses a leak.
 */
export function importTape(files: readonly LoadedTape[], now: number): ImportedTape {
  const tape = createTape(now)
  const secrets: string[] = []
  const skipped: ImportedTape['skipped'] = []
  for (const { source, tape: read, skipped: left = [] } of files) {
    for (const entry of left) skipped.push({ source, ...entry })
    for (const entry of read.log.entries) {
      const recordedAt = Date.parse(entry.startedDateTime)
      const built = createEntry({
        request: entryRequest(entry),
        response: entryResponse(entry),
        origin: new URL(entry.request.url).origin,
        recordedAt: Number.isFinite(recordedAt) ? recordedAt : now,
        durationMs: Math.max(0, entry.time),
      })
      // Classified at load, so always a known call; kept defensive: never a silent drop.
      if (!built) {
        skipped.push({ source, entry: -1, reason: 'not a call tapedeck knows' })
        continue
      }
      tape.log.entries.push(built.entry)
      secrets.push(...built.secrets)
    }
  }
  return { tape, secrets, skipped }
}

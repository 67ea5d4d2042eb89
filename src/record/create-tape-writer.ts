import type { WireRequest, WireResponse } from '../protocols/index.ts'
import { createEntry, type Tape, writeTape } from '../tapes/index.ts'

export type TapeWriterOptions = {
  file: string
  /** The tape to append to (a loaded one in `record-missing`, a new one otherwise). */
  tape: Tape
  /** The origin recorded in each entry's URL (the upstream; never carries credentials). */
  origin: string
  /** Configured secret values the leak scan looks for, besides those redaction removed. */
  secrets?: readonly string[]
  now?: () => number
}

export type TapeWriter = {
  /** Redacts, scans and writes one interaction; resolves once the tape on disk holds it. */
  record(request: WireRequest, response: WireResponse, durationMs: number): Promise<boolean>
  /** How many entries the tape on disk holds. */
  entries(): number
}

/**
 * Creates a writer that rewrites the whole tape atomically after every completed interaction, one
 * write at a time (concurrent clients queue), so killing the process at any moment leaves a valid
 * tape holding every interaction whose response was sent. Resolves false for a request that is not
 * a call tapedeck knows (not recorded).
 */
export function createTapeWriter(options: TapeWriterOptions): TapeWriter {
  const now = options.now ?? Date.now
  const entries = [...options.tape.log.entries]
  const secrets = new Set(options.secrets ?? [])
  let queue: Promise<unknown> = Promise.resolve()
  return {
    async record(request, response, durationMs) {
      const built = createEntry({
        request,
        response,
        origin: options.origin,
        recordedAt: now(),
        durationMs,
      })
      if (!built) return false
      for (const secret of built.secrets) secrets.add(secret)
      const write = queue.then(async () => {
        const next = [...entries, built.entry]
        await writeTape(
          options.file,
          { ...options.tape, log: { ...options.tape.log, entries: next } },
          secrets,
        )
        entries.push(built.entry)
      })
      queue = write.catch(() => undefined)
      await write
      return true
    },
    entries: () => entries.length,
  }
}

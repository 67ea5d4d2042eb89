import type { Trace } from '../pipeline/index.ts'

/**
 * A journal entry: the pipeline's trace, or, for an answer dropped by fault injection, what the
 * client saw: no status and no code, but `noAnswer` (the connection reset, or an answer that never
 * came). The steps still say why (`inject`).
 */
export type JournalEntry =
  | Trace
  | (Omit<Trace, 'status' | 'code'> & {
      status: null
      code: undefined
      noAnswer: 'reset' | 'hang'
    })

/**
 * The record of requests received, newest last, capped so a long session cannot exhaust memory
 * (the oldest entries are dropped first; `dropped` counts them).
 */
export function createJournal(capacity = 10_000) {
  let entries: JournalEntry[] = []
  let dropped = 0
  return {
    /** Adds a request's trace; `drop` when the client got no answer (an injected reset or hang). */
    add(trace: Trace, drop?: 'reset' | 'hang'): void {
      entries.push(drop ? { ...trace, status: null, code: undefined, noAnswer: drop } : trace)
      if (entries.length > capacity * 1.1) {
        const excess = entries.length - capacity
        dropped += excess
        entries = entries.slice(excess)
      }
    },
    list(): { dropped: number; requests: readonly JournalEntry[] } {
      const hidden = Math.max(0, entries.length - capacity)
      return { dropped: dropped + hidden, requests: entries.slice(-capacity) }
    },
    clear(): void {
      entries = []
      dropped = 0
    },
  }
}

export type Journal = ReturnType<typeof createJournal>

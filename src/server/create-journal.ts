import type { SeenTrace, Trace } from '../pipeline/index.ts'

/** A journal entry: the pipeline's trace as the client saw it (`SeenTrace`). */
export type JournalEntry = SeenTrace

/**
 * The record of requests received, newest last, capped so a long session cannot exhaust memory
 * (the oldest entries are dropped first; `dropped` counts them).
 */
export function createJournal(capacity = 10_000) {
  let entries: JournalEntry[] = []
  let dropped = 0
  return {
    /**
     * Adds a request's trace; `drop` when the client got no answer (an injected reset or hang).
     * Returns the entry as kept: the trace as the client saw it.
     */
    add(trace: Trace, drop?: 'reset' | 'hang'): JournalEntry {
      const entry: JournalEntry = drop
        ? { ...trace, status: null, code: undefined, noAnswer: drop }
        : trace
      entries.push(entry)
      if (entries.length > capacity * 1.1) {
        const excess = entries.length - capacity
        dropped += excess
        entries = entries.slice(excess)
      }
      return entry
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

import type { Trace } from '../pipeline/index.ts'

/**
 * The record of requests received, newest last, capped so a long session cannot exhaust memory
 * (the oldest entries are dropped first; `dropped` counts them).
 */
export function createJournal(capacity = 10_000) {
  let entries: Trace[] = []
  let dropped = 0
  return {
    add(trace: Trace): void {
      entries.push(trace)
      if (entries.length > capacity * 1.1) {
        const excess = entries.length - capacity
        dropped += excess
        entries = entries.slice(excess)
      }
    },
    list(): { dropped: number; requests: readonly Trace[] } {
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

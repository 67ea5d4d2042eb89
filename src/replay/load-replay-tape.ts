import { builtInRegistry, type Registry, type WireResponse } from '../protocols/index.ts'
import {
  classifyEntry,
  entryResponse,
  type HarEntry,
  harEntrySchema,
  type LoadedTape,
  readJournalHeader,
  type SkippedEntry,
  streamJournal,
  streamTape,
  type Tape,
  type TapeEntry,
  tapeEntrySchema,
} from '../tapes/index.ts'

/**
 * What replay reads of an entry, and so all a streamed entry is validated for: any HAR entry's
 * response, and `_tapedeck` when tapedeck wrote it. An entry without it (another recorder's) is
 * read again, request included, and classified (`classifyEntry`).
 */
const replayEntrySchema = harEntrySchema.pick({ response: true, _tapedeck: true })
const REPLAY_FIELDS = ['response', '_tapedeck'] as const
type ReplayEntry = Pick<TapeEntry, 'response' | '_tapedeck'>
/** A journal holds what tapedeck wrote: `_tapedeck` always. */
const journalEntrySchema = tapeEntrySchema.pick({ response: true, _tapedeck: true })
const foreignEntrySchema = harEntrySchema.pick({
  request: true,
  response: true,
  startedDateTime: true,
})
const FOREIGN_FIELDS = ['request', 'response', 'startedDateTime'] as const

/** What replay keeps of one recorded interaction: its match key, operation, time and response. */
export type Interaction = {
  key: string
  operation: string
  recordedAt: string
  response: WireResponse
}

/** A tape reduced to what replay needs (requests are not kept: the key stands for them). */
export type ReplayTape = {
  source: string
  upstream?: string
  createdAt?: string
  interactions: Interaction[]
  /** Entries of a HAR file that are no known call, left out, with the reason. */
  skipped?: SkippedEntry[]
}

/** Reduces a loaded tape for replay. */
export function toReplayTape({ source, tape, skipped }: LoadedTape): ReplayTape {
  return {
    source,
    ...header(tape.log._tapedeck),
    interactions: tape.log.entries.map(toInteraction),
    ...(skipped?.length ? { skipped } : {}),
  }
}

/**
 * Loads a tape for replay entry by entry (`streamTape`): only the index survives, so a tape of
 * 100,000 interactions never sits in memory as a whole. Validated like `readTape`, but of each
 * entry only what replay reads (its response and `_tapedeck`); `tapedeck lint` checks the rest.
 * The journal a killed recorder left beside the tape is merged in, read-only, like `readTape`.
 */
export async function loadReplayTape(
  file: string,
  registry: Registry = builtInRegistry,
): Promise<ReplayTape> {
  const journal = await readJournalHeader(file)
  const pending = journal?.pending ? journal.header : undefined
  const interactions: Interaction[] = []
  const add = (entry: ReplayEntry) => {
    interactions.push(toInteraction(entry))
  }
  // Entries without `_tapedeck`, by index: where their interaction goes once classified.
  const foreign = new Map<number, number>()
  const skipped: SkippedEntry[] = []
  let meta: Tape['log']['_tapedeck']
  if (pending?.base === 'replace') {
    meta = pending.tape.log._tapedeck
    for (const entry of pending.tape.log.entries) add(entry)
  } else {
    const tape = await streamTape(
      file,
      (entry: Pick<HarEntry, 'response' | '_tapedeck'>, index) => {
        if (entry._tapedeck && entry.response.status >= 100) return add(entry as ReplayEntry)
        foreign.set(index, interactions.length)
        interactions.push(undefined as unknown as Interaction)
      },
      { entrySchema: replayEntrySchema, fields: REPLAY_FIELDS },
    )
    meta = tape.log._tapedeck
    if (foreign.size > 0)
      await streamTape(
        file,
        (entry: Pick<HarEntry, 'request' | 'response' | 'startedDateTime'>, index) => {
          const at = foreign.get(index)
          if (at === undefined) return
          const read = classifyEntry(entry as HarEntry, registry)
          if ('reason' in read) skipped.push({ entry: index, reason: read.reason })
          else interactions[at] = toInteraction(read.entry)
        },
        { entrySchema: foreignEntrySchema, fields: FOREIGN_FIELDS },
      )
  }
  if (pending) await streamJournal(file, add, { entrySchema: journalEntrySchema })
  return {
    source: file,
    ...header(meta),
    interactions: foreign.size > 0 ? interactions.filter(Boolean) : interactions,
    ...(skipped.length ? { skipped } : {}),
  }
}

function header(
  meta: { upstream?: string | undefined; createdAt?: string | undefined } | undefined,
) {
  return {
    ...(meta?.upstream === undefined ? {} : { upstream: meta.upstream }),
    ...(meta?.createdAt === undefined ? {} : { createdAt: meta.createdAt }),
  }
}

function toInteraction(entry: ReplayEntry): Interaction {
  return {
    key: entry._tapedeck.matchKey,
    operation: entry._tapedeck.operation,
    recordedAt: entry._tapedeck.recordedAt,
    response: entryResponse(entry),
  }
}

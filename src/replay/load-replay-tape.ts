import type { WireResponse } from '../protocols/index.ts'
import {
  entryResponse,
  type LoadedTape,
  readJournalHeader,
  streamJournal,
  streamTape,
  type Tape,
  type TapeEntry,
  tapeEntrySchema,
} from '../tapes/index.ts'

/** What replay reads of an entry, and so all a streamed entry is validated for. */
const replayEntrySchema = tapeEntrySchema.pick({ response: true, _tapedeck: true })
const REPLAY_FIELDS = ['response', '_tapedeck'] as const
type ReplayEntry = Pick<TapeEntry, 'response' | '_tapedeck'>

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
}

/** Reduces a loaded tape for replay. */
export function toReplayTape({ source, tape }: LoadedTape): ReplayTape {
  return {
    source,
    ...header(tape.log._tapedeck),
    interactions: tape.log.entries.map(toInteraction),
  }
}

/**
 * Loads a tape for replay entry by entry (`streamTape`): only the index survives, so a tape of
 * 100,000 interactions never sits in memory as a whole. Validated like `readTape`, but of each
 * entry only what replay reads (its response and `_tapedeck`); `tapedeck lint` checks the rest.
 * The journal a killed recorder left beside the tape is merged in, read-only, like `readTape`.
 */
export async function loadReplayTape(file: string): Promise<ReplayTape> {
  const journal = await readJournalHeader(file)
  const pending = journal?.pending ? journal.header : undefined
  const interactions: Interaction[] = []
  const add = (entry: ReplayEntry) => {
    interactions.push(toInteraction(entry))
  }
  let meta: Tape['log']['_tapedeck']
  if (pending?.base === 'replace') {
    meta = pending.tape.log._tapedeck
    for (const entry of pending.tape.log.entries) add(entry)
  } else {
    const tape = await streamTape(file, add, {
      entrySchema: replayEntrySchema,
      fields: REPLAY_FIELDS,
    })
    meta = tape.log._tapedeck
  }
  if (pending) await streamJournal(file, add, { entrySchema: replayEntrySchema })
  return { source: file, ...header(meta), interactions }
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

import type { WireResponse } from '../protocols/index.ts'
import {
  entryResponse,
  type LoadedTape,
  streamTape,
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
 */
export async function loadReplayTape(file: string): Promise<ReplayTape> {
  const interactions: Interaction[] = []
  const tape = await streamTape(
    file,
    (entry) => {
      interactions.push(toInteraction(entry))
    },
    { entrySchema: replayEntrySchema, fields: REPLAY_FIELDS },
  )
  return { source: file, ...header(tape.log._tapedeck), interactions }
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

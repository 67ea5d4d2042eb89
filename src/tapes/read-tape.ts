import { formatPath } from '../catalog/index.ts'
import { TapedeckError } from '../errors.ts'
import { builtInRegistry, type Registry } from '../protocols/index.ts'
import { classifyEntry, type SkippedEntry } from './classify-entry.ts'
import { readTapeText } from './read-tape-text.ts'
import { readJournalHeader, streamJournal } from './stream-journal.ts'
import { harSchema, type Tape, type TapeEntry } from './tape-schema.ts'

/**
 * A tape and the file it came from (named in every message about it). Read from a HAR file of
 * another recorder, the entries that are no known call are left out: `skipped` says which and why,
 * and `indexes` holds each kept entry's index in the file (absent: all kept, in order).
 */
export type LoadedTape = {
  source: string
  tape: Tape
  skipped?: SkippedEntry[]
  indexes?: number[]
}

/**
 * Validates a tape document: a tapedeck tape, or any HAR 1.2 file, whose entries without `_tapedeck`
 * are classified through the catalogue (`classifyEntry`). A bad tape fails with the file, the entry
 * index and the field: `Failed to load tape "a.har": log.entries[3].response.status: Invalid input`.
 */
export function parseTape(
  document: unknown,
  source: string,
  registry: Registry = builtInRegistry,
): LoadedTape {
  const parsed = harSchema.safeParse(document)
  if (parsed.success) {
    const entries: TapeEntry[] = []
    const indexes: number[] = []
    const skipped: SkippedEntry[] = []
    parsed.data.log.entries.forEach((entry, index) => {
      const read = classifyEntry(entry, registry)
      if ('reason' in read) skipped.push({ entry: index, reason: read.reason })
      else {
        entries.push(read.entry)
        indexes.push(index)
      }
    })
    const tape = { ...parsed.data, log: { ...parsed.data.log, entries } }
    return skipped.length === 0 ? { source, tape } : { source, tape, skipped, indexes }
  }
  const issues = parsed.error.issues.slice(0, 10).map((issue) => {
    const path = formatPath(issue.path)
    return `${path || '(root)'}: ${issue.message}`
  })
  throw new TapedeckError('E_INVALID_TAPE', `Failed to load tape "${source}": ${issues.join('; ')}`)
}

/**
 * Reads and validates a tape file, with the journal a recorder left beside it merged in (in
 * memory; nothing is written): a tape whose recorder was killed reads with every interaction it
 * completed. Fails with the file, the entry index and the field; a journal's own errors name it.
 */
export async function readTape(
  file: string,
  registry: Registry = builtInRegistry,
): Promise<LoadedTape> {
  const journal = await readJournalHeader(file)
  const header = journal?.pending ? journal.header : undefined
  const document = header?.base === 'replace' ? header.tape : await readDocument(file)
  if (header) {
    const entries: unknown[] = []
    await streamJournal(file, (entry) => {
      entries.push(entry)
    })
    const log = (document as { log?: { entries?: unknown } } | null)?.log
    if (log && Array.isArray(log.entries)) log.entries = [...log.entries, ...entries]
  }
  return parseTape(document, file, registry)
}

async function readDocument(file: string): Promise<unknown> {
  const text = await readTapeText(file)
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new TapedeckError(
      'E_INVALID_TAPE',
      `Failed to load tape "${file}": not JSON (${(error as Error).message})`,
      { cause: error },
    )
  }
}

/** A new, empty tape. */
export function createTape(createdAt: number, upstream?: string): Tape {
  return {
    log: {
      version: '1.2',
      creator: { name: 'tapedeck', version: '0.1.0' },
      entries: [],
      _tapedeck: {
        createdAt: new Date(createdAt).toISOString(),
        ...(upstream === undefined ? {} : { upstream }),
      },
    },
  }
}

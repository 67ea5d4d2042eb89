import { readFile } from 'node:fs/promises'
import { formatPath } from '../catalog/index.ts'
import { TapedeckError } from '../errors.ts'
import { type Tape, tapeSchema } from './tape-schema.ts'

/** A tape and the file it came from (named in every message about it). */
export type LoadedTape = { source: string; tape: Tape }

/**
 * Validates a tape document. A bad tape fails with the file, the entry index and the field:
 * `Failed to load tape "a.har": log.entries[3].response.status: Invalid input`.
 */
export function parseTape(document: unknown, source: string): LoadedTape {
  const parsed = tapeSchema.safeParse(document)
  if (parsed.success) return { source, tape: parsed.data }
  const issues = parsed.error.issues.slice(0, 10).map((issue) => {
    const path = formatPath(issue.path)
    return `${path || '(root)'}: ${issue.message}`
  })
  throw new TapedeckError('E_INVALID_TAPE', `Failed to load tape "${source}": ${issues.join('; ')}`)
}

/** Reads and validates a tape file. */
export async function readTape(file: string): Promise<LoadedTape> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new TapedeckError(
      'E_INVALID_TAPE',
      `Failed to load tape "${file}": ${(error as Error).message}`,
      { cause: error },
    )
  }
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    throw new TapedeckError(
      'E_INVALID_TAPE',
      `Failed to load tape "${file}": not JSON (${(error as Error).message})`,
      { cause: error },
    )
  }
  return parseTape(document, file)
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

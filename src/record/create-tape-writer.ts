import { type FileHandle, open, stat } from 'node:fs/promises'
import { TapedeckError } from '../errors.ts'
import type { Registry, WireRequest, WireResponse } from '../protocols/index.ts'
import {
  createEntry,
  createLeakScanner,
  findLeaks,
  foldJournal,
  type JournalHeader,
  journalPath,
  type Tape,
} from '../tapes/index.ts'

type WriterBase =
  /** `record-all`: at close the file becomes `tape` plus what was recorded (untouched until then). */
  | { base: 'replace'; tape: Tape }
  /** `record-missing`: what is recorded goes after the entries of the tape file as it is now. */
  | { base: 'append' }

export type TapeWriterOptions = WriterBase & {
  file: string
  /** The origin recorded in each entry's URL (the upstream; never carries credentials). */
  origin: string
  /** Configured secret values the leak scan looks for, besides those redaction removed. */
  secrets?: readonly string[]
  now?: () => number
  /** The schemes that read, redact and scan each interaction; the built-in ones by default. */
  registry?: Registry
}

export type TapeWriter = {
  /**
   * Redacts, scans and appends one interaction to the journal; resolves once the journal holds it
   * (false, writing nothing, for a request that is not a call tapedeck knows).
   */
  record(request: WireRequest, response: WireResponse, durationMs: number): Promise<boolean>
  /** How many interactions this writer has appended. */
  recorded(): number
  /** Waits for the appends under way, then folds the journal into the tape (nothing if none). */
  close(): Promise<void>
}

/**
 * Creates a writer whose cost per interaction does not grow with the tape: each interaction is
 * appended as one line to the journal beside the tape (`<tape>.journal`, see `streamJournal`), one
 * write at a time (concurrent clients queue), and only that line is leak-scanned. The journal is
 * created with the first interaction and folded into the tape at `close()` (`foldJournal`);
 * killed at any moment, every interaction whose response was sent is in the journal, which the
 * readers merge and the next recorder folds.
 */
export function createTapeWriter(options: TapeWriterOptions): TapeWriter {
  const now = options.now ?? Date.now
  const { file } = options
  const journal = journalPath(file)
  const configured = options.secrets ?? []
  // Grows by the values each interaction's redaction removed (signatures: one per interaction),
  // and still costs one pass over the entry's text, not one search per value.
  const scanner = createLeakScanner(configured, options.registry)
  let handle: FileHandle | undefined
  let position = 0
  let count = 0
  let closing: Promise<void> | undefined
  let queue: Promise<unknown> = Promise.resolve()

  const refuse = (kinds: readonly string[]): never => {
    throw new TapedeckError(
      'E_TAPE_LEAK',
      `Failed to write tape "${file}": it would contain ${[...new Set(kinds)].join(', ')}; nothing of the interaction was written`,
    )
  }

  /** The journal's header line, checked once: a `replace` header holds the new tape's header. */
  async function headerLine(): Promise<string> {
    const createdAt = new Date(now()).toISOString()
    let header: JournalHeader
    if (options.base === 'replace') {
      header = { tapedeckJournal: 1, base: 'replace', createdAt, tape: options.tape }
    } else {
      const size = await stat(file).then(
        (stats) => stats.size,
        (error: Error) => {
          throw new TapedeckError(
            'E_INVALID_TAPE',
            `Failed to write tape "${file}": record-missing appends to it, but it cannot be read (${error.message})`,
            { cause: error },
          )
        },
      )
      header = { tapedeckJournal: 1, base: 'append', createdAt, baseBytes: size }
    }
    const text = JSON.stringify(header)
    const leaks = findLeaks(text, configured, options.registry)
    if (leaks.length > 0) refuse(leaks.map((leak) => leak.kind))
    return `${text}\n`
  }

  async function append(line: string): Promise<void> {
    // The header goes out with the first entry: a journal exists once an interaction completed.
    const text = position === 0 ? `${await headerLine()}${line}` : line
    if (!handle) {
      try {
        handle = await open(journal, 'wx')
      } catch (error) {
        throw new TapedeckError(
          'E_TAPE_JOURNAL',
          `Failed to write tape "${file}": its journal "${journal}" cannot be created (${(error as Error).message}); ${(error as NodeJS.ErrnoException).code === 'EEXIST' ? 'another recorder is writing this tape, or one was killed: starting tapedeck record again folds its journal' : 'check the directory'}`,
          { cause: error },
        )
      }
    }
    // One write per interaction, at a known offset: a failed write is cut off again, and a line is
    // complete only with its newline. No fsync: the page cache outlives a killed process, and
    // SIGKILL is the promise (not power loss, which the temp-file-and-rename tape never promised).
    const bytes = Buffer.from(text)
    try {
      for (let written = 0; written < bytes.length; ) {
        const { bytesWritten } = await handle.write(
          bytes,
          written,
          bytes.length - written,
          position + written,
        )
        written += bytesWritten
      }
    } catch (error) {
      await handle.truncate(position).catch(() => undefined)
      throw new TapedeckError(
        'E_TAPE_JOURNAL',
        `Failed to write tape "${file}": appending to its journal "${journal}" failed (${(error as Error).message})`,
        { cause: error },
      )
    }
    position += bytes.length
  }

  return {
    async record(request, response, durationMs) {
      if (closing)
        throw new TapedeckError('E_TAPE_CLOSED', `Failed to write tape "${file}": it is closed`)
      const built = createEntry({
        request,
        response,
        origin: options.origin,
        recordedAt: now(),
        durationMs,
        ...(options.registry ? { registry: options.registry } : {}),
      })
      if (!built) return false
      for (const secret of built.secrets) scanner.add(secret)
      const line = `${JSON.stringify(built.entry)}\n`
      const leaks = scanner.scan(line)
      if (leaks.length > 0) refuse(leaks.map((leak) => leak.kind))
      const write = queue.then(() => append(line))
      queue = write.catch(() => undefined)
      await write
      count += 1
      return true
    },
    recorded: () => count,
    close() {
      closing ??= (async () => {
        await queue
        if (!handle) return
        await handle.close()
        // Its own journal, just written and scanned line by line: not validated again.
        await foldJournal(file, { secrets: configured, validate: false })
      })()
      return closing
    },
  }
}

// Tapes: the HAR 1.2 format with tapedeck's fields, the canonical match key, redaction, the leak
// scan, atomic writes, and the journal a recorder appends to and folds into its tape.

export type { CanonicalRequest, ReadRequest } from './canonical-key.ts'
export { canonicalKey, canonicalRequest, readRequest, sortKeys } from './canonical-key.ts'
export { classifyEntry, type SkippedEntry } from './classify-entry.ts'
export type { EntryInput } from './create-entry.ts'
export { createEntry, entryRequest, entryResponse } from './create-entry.ts'
export { createLeakScanner, type LeakScanner } from './create-leak-scanner.ts'
export { createTapeRenderer, type TapeRenderer } from './create-tape-renderer.ts'
export type { Leak } from './find-leaks.ts'
export { findLeaks } from './find-leaks.ts'
export { findTapeLeaks } from './find-tape-leaks.ts'
export { type FoldOptions, foldJournal } from './fold-journal.ts'
export { type ImportedTape, importTape } from './import-tape.ts'
export type { LintIssue } from './lint-tape.ts'
export { LINT_CODES, lintTape } from './lint-tape.ts'
export type { LoadedTape } from './read-tape.ts'
export { createTape, parseTape, readTape } from './read-tape.ts'
export type { Redacted } from './redact-request.ts'
export { placeholder, redactRequest, redactResponse } from './redact-request.ts'
export { resolveTapePath } from './resolve-tape-path.ts'
export type { JournalHeader, JournalState, JournalStreamOptions } from './stream-journal.ts'
export {
  journalHeaderSchema,
  journalPath,
  readJournalHeader,
  streamJournal,
} from './stream-journal.ts'
export { type EntriesSpan, type StreamOptions, streamTape } from './stream-tape.ts'
export type { HarEntry, Tape, TapeEntry } from './tape-schema.ts'
export { harEntrySchema, harSchema, tapeEntrySchema, tapeSchema } from './tape-schema.ts'
export type { NockDefinition } from './to-nock-definitions.ts'
export { toNockDefinitions } from './to-nock-definitions.ts'
export { writeTape } from './write-tape.ts'

// Tapes: the HAR 1.2 format with tapedeck's fields, and the canonical match key.

export type { CanonicalRequest } from './canonical-key.ts'
export { canonicalKey, canonicalRequest, sortKeys } from './canonical-key.ts'
export type { Tape, TapeEntry } from './tape-schema.ts'
export { tapeEntrySchema, tapeSchema } from './tape-schema.ts'

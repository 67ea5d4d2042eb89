import { isFieldLine } from './parse-head.ts'
import { TCHAR } from './token.ts'

/**
 * An incremental decoder of the chunked transfer coding (RFC 9112 §7.1): chunk sizes in hex with
 * optional extensions (ignored), the data, the last chunk, then trailer fields (read and dropped,
 * as `node:http` hands them out of band). Bytes may arrive split anywhere.
 */
export type ChunkedDecoder = {
  /**
   * Consumes bytes of `input` from `offset` and returns the offset reached: where the body ended
   * once `done`, the end of `input` or the start of an incomplete line otherwise (the caller keeps
   * the rest and passes it again with more bytes).
   */
  push(input: Buffer, offset: number): number
  /** The data chunks decoded so far (views of the input, not copies). */
  readonly chunks: Buffer[]
  /** Bytes of data decoded so far. */
  readonly size: number
  readonly done: boolean
  /** Set when the coding is malformed: the request cannot be delimited. */
  readonly error: string | undefined
}

const CRLF = 0x0a0d // '\r\n' read as a little-endian uint16
// Node's bound on a chunk line (its extensions, CVE-2024-22019) and on the trailer fields.
const MAX_LINE = 16 * 1024

/** A decoder for one body; `limit` bounds the data kept (beyond it only `size` grows). */
export function createChunkedDecoder(limit: number): ChunkedDecoder {
  let phase: 'size' | 'data' | 'data-end' | 'trailer' = 'size'
  let remaining = 0
  let trailerBytes = 0
  const decoder = {
    chunks: [] as Buffer[],
    size: 0,
    done: false,
    error: undefined as string | undefined,
    push(input: Buffer, offset: number): number {
      let at = offset
      while (!decoder.done && decoder.error === undefined && at < input.length) {
        if (phase === 'data') {
          const end = Math.min(input.length, at + remaining)
          if (decoder.size + (end - at) <= limit) decoder.chunks.push(input.subarray(at, end))
          decoder.size += end - at
          remaining -= end - at
          at = end
          if (remaining === 0) phase = 'data-end'
          continue
        }
        if (phase === 'data-end') {
          if (input.length - at < 2) return at
          if (input.readUInt16LE(at) !== CRLF) return fail('chunk data longer than its size')
          at += 2
          phase = 'size'
          continue
        }
        const cap = phase === 'trailer' ? 2 * MAX_LINE : MAX_LINE
        const eol = input.indexOf('\r\n', at, 'latin1')
        if ((eol === -1 ? input.length : eol) - at > cap) return fail('a chunk line too long')
        if (eol === -1) return at
        const line = input.toString('latin1', at, eol)
        at = eol + 2
        if (phase === 'trailer') {
          if (line === '') decoder.done = true
          else if (!isFieldLine(line)) return fail('a malformed trailer field')
          // Counted as node:http counts them: names and values, not the colon and whitespace.
          const colon = line.indexOf(':')
          trailerBytes += colon + line.slice(colon + 1).trim().length
          if (trailerBytes >= MAX_LINE) return fail('trailer fields too long')
          continue
        }
        const size = parseChunkSize(line)
        if (size === undefined) return fail('a malformed chunk size')
        if (size === 0) phase = 'trailer'
        else {
          remaining = size
          phase = 'data'
        }
      }
      return at

      function fail(reason: string): number {
        decoder.error = `the request has ${reason}`
        return at
      }
    },
  }
  return decoder
}

// RFC 9112 §7.1.1: size, then `;name` or `;name=value` extensions (token or quoted string), with
// optional whitespace only around `;` and `=`. Leading zeros do not count towards the 12 digits.
const TOKEN = `[${TCHAR}]+`
const QUOTED =
  '"(?:[\\t\\x20\\x21\\x23-\\x5b\\x5d-\\x7e\\x80-\\xff]|\\\\[\\t\\x20-\\x7e\\x80-\\xff])*"'
const CHUNK_SIZE = new RegExp(
  `^0*([0-9a-fA-F]{1,12})(?:[ \\t]*;[ \\t]*${TOKEN}(?:[ \\t]*=[ \\t]*(?:${TOKEN}|${QUOTED}))?)*$`,
)

/** A chunk-size line's size, ignoring extensions; undefined when malformed. */
function parseChunkSize(line: string): number | undefined {
  const digits = CHUNK_SIZE.exec(line)?.[1]
  return digits === undefined ? undefined : Number.parseInt(digits, 16)
}

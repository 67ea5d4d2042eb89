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
const MAX_LINE = 4096

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
        const eol = input.indexOf('\r\n', at, 'latin1')
        if (eol === -1) return input.length - at > MAX_LINE ? fail('a chunk line too long') : at
        const line = input.toString('latin1', at, eol)
        at = eol + 2
        if (phase === 'trailer') {
          trailerBytes += line.length + 2
          if (trailerBytes > MAX_LINE * 4) return fail('trailer fields too long')
          if (line === '') decoder.done = true
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

const CHUNK_SIZE = /^([0-9a-fA-F]{1,12})[ \t]*(?:;.*)?$/

/** A chunk-size line's size, ignoring extensions; undefined when malformed. */
function parseChunkSize(line: string): number | undefined {
  const digits = CHUNK_SIZE.exec(line)?.[1]
  return digits === undefined ? undefined : Number.parseInt(digits, 16)
}

import { IS_TOKEN_BYTE } from './token.ts'

/** A request head found in a buffer: its text (latin1, without the empty line) and where its body starts. */
export type HeadEnd = { text: string; next: number }

const CRLF_CRLF = Buffer.from('\r\n\r\n')
const LF = 0x0a
const CR = 0x0d
const SP = 0x20

/**
 * Finds the empty line that ends a request head starting at `from`; undefined while it has not
 * arrived. Lines end in CRLF only: RFC 9112 §2.2 lets a recipient accept a bare LF, but
 * `node:http` refuses one, and two servers must agree on where a request ends.
 */
export function findHeadEnd(input: Buffer, from: number): HeadEnd | undefined {
  const end = input.indexOf(CRLF_CRLF, from)
  return end === -1 ? undefined : { text: input.toString('latin1', from, end), next: end + 4 }
}

/**
 * Whether the bytes from `from`, a head still incomplete, can still become a request: a method
 * (a token) then a space, and no bare LF. Lets the server answer a TLS handshake, binary noise or
 * a request typed with bare LFs at once instead of when the headers timeout ends.
 */
export function canBecomeHead(input: Buffer, from: number): boolean {
  // Empty lines before a request line are allowed (RFC 9112 §2.2).
  let start = from
  while (input[start] === CR && input[start + 1] === LF) start += 2
  let i = start
  const stop = Math.min(input.length, start + 32)
  while (i < stop && IS_TOKEN_BYTE[input[i]!]) i++
  if (i < stop && (i === start || input[i] !== SP)) return false
  for (let lf = input.indexOf(LF, from); lf !== -1; lf = input.indexOf(LF, lf + 1)) {
    if (input[lf - 1] !== CR) return false
  }
  return true
}

/**
 * Whether `chunk`, arriving after held head bytes that end in `tail` (their last three, latin1),
 * may let the parser act: it holds the empty line ending the head (perhaps across the boundary),
 * or a bare LF the parser refuses at once. Otherwise the chunk is only held.
 */
export function mayEndHead(tail: string, chunk: Buffer): boolean {
  const lf = chunk.indexOf(LF)
  if (lf === -1) return false
  if (chunk.indexOf(CRLF_CRLF) !== -1) return true
  if (`${tail}${chunk.toString('latin1', 0, 3)}`.includes('\r\n\r\n')) return true
  for (let at = lf; at !== -1; at = chunk.indexOf(LF, at + 1)) {
    const before = at === 0 ? tail.charCodeAt(tail.length - 1) : chunk[at - 1]
    if (before !== CR) return true
  }
  return false
}

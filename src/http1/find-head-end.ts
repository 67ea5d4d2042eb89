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
  let i = from
  const stop = Math.min(input.length, from + 32)
  while (i < stop && IS_TOKEN[input[i]!]) i++
  if (i < stop && (i === from || input[i] !== SP)) return false
  for (let lf = input.indexOf(LF, from); lf !== -1; lf = input.indexOf(LF, lf + 1)) {
    if (input[lf - 1] !== CR) return false
  }
  return true
}

const IS_TOKEN = new Uint8Array(256)
for (const char of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
  IS_TOKEN[char.charCodeAt(0)] = 1
}

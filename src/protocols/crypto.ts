import * as crypto from 'node:crypto'
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

/** HMAC of `data` under `key`, as a Buffer. */
export function hmac(algorithm: 'sha1' | 'sha256', key: string | Buffer, data: string): Buffer {
  return createHmac(algorithm, key).update(data, 'utf8').digest()
}

/** Lower-case hex SHA-256 of a string or bytes. */
export function sha256Hex(data: string | Buffer): string {
  return oneShot ? oneShot('sha256', data, 'hex') : createHash('sha256').update(data).digest('hex')
}

/** `crypto.hash` (Node 20.12+, 21.7+): a one-shot digest at half the cost of `createHash`. */
const oneShot = (
  crypto as { hash?: (algorithm: string, data: string | Buffer, encoding: 'hex') => string }
).hash

/** Constant-time string comparison (signatures). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/**
 * Whether `hex` is the hex HMAC of `data` under `key`, compared in constant time on the bytes
 * (no hex string is built for the expected value). Hex that is not exactly the digest's length
 * in hex digits never matches.
 */
export function hmacMatchesHex(
  algorithm: 'sha1' | 'sha256',
  key: string | Buffer,
  data: string,
  hex: string,
): boolean {
  const expected = hmac(algorithm, key, data)
  const given = Buffer.from(hex, 'hex')
  return (
    given.length === expected.length &&
    hex.length === 2 * given.length &&
    timingSafeEqual(given, expected)
  )
}

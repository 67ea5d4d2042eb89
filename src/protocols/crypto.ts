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
  crypto as {
    hash?: (algorithm: string, data: string | Buffer, encoding: 'hex' | 'latin1') => string
  }
).hash

/** Constant-time string comparison (signatures). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/** HMAC block size of SHA-1 and SHA-256, bytes. */
const BLOCK = 64
const DIGEST_BYTES = { sha1: 20, sha256: 32 } as const
/** Reused for the inner block of every HMAC whose data fits (calls are synchronous: no sharing). */
const scratch = Buffer.allocUnsafe(16 * 1024)

/** An HMAC key made ready once: `hex(data)` is the lower-case hex HMAC of `data` (UTF-8). */
export type HmacKey = { hex(data: string): string }

/**
 * Prepares an HMAC key (RFC 2104): the key is padded and XORed with ipad and opad once, so each
 * digest is then two one-shot hashes, `H(K^opad || H(K^ipad || data))` — a third of what
 * `createHmac` costs per call (it builds a native object each time). Where `crypto.hash` is
 * missing (Node < 20.12) it is `createHmac`.
 */
export function prepareHmac(algorithm: 'sha1' | 'sha256', key: string | Buffer): HmacKey {
  let bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key
  if (!oneShot)
    return { hex: (data) => createHmac(algorithm, bytes).update(data, 'utf8').digest('hex') }
  const hash = oneShot
  if (bytes.length > BLOCK) bytes = createHash(algorithm).update(bytes).digest()
  const inner = Buffer.alloc(BLOCK, 0x36)
  const outer = Buffer.alloc(BLOCK + DIGEST_BYTES[algorithm], 0x5c)
  for (let i = 0; i < bytes.length; i++) {
    inner[i]! ^= bytes[i]!
    outer[i]! ^= bytes[i]!
  }
  return {
    hex(data) {
      // Room for the worst case of UTF-8 (3 bytes per UTF-16 unit); `write` never overflows it.
      const room = BLOCK + 3 * data.length
      const block = room <= scratch.length ? scratch : Buffer.allocUnsafe(room)
      inner.copy(block, 0)
      const end = BLOCK + block.write(data, BLOCK, 'utf8')
      outer.write(hash(algorithm, block.subarray(0, end), 'latin1'), BLOCK, 'latin1')
      return hash(algorithm, outer, 'hex')
    },
  }
}

/**
 * Whether `hex` is the HMAC of `data` under `key`, compared in constant time for its length
 * (upper-case hex digits are accepted; anything not exactly the digest's hex never matches).
 */
export function hmacMatchesHex(key: HmacKey, data: string, hex: string): boolean {
  return hexEquals(key.hex(data), hex)
}

/** Compares lower-case hex `expected` with `given` (hex of either case) without an early exit. */
function hexEquals(expected: string, given: string): boolean {
  if (given.length !== expected.length) return false
  let diff = 0
  for (let i = 0; i < expected.length; i++) {
    const code = given.charCodeAt(i)
    diff |= expected.charCodeAt(i) ^ (code >= 65 && code <= 70 ? code + 32 : code)
  }
  return diff === 0
}

/**
 * The `Authorization` header of the HMAC-SHA256 schemes: Alibaba `ACS3-HMAC-SHA256`, Tencent
 * `TC3-HMAC-SHA256` and Huawei `SDK-HMAC-SHA256` all send `ALGORITHM Name=value, Name=value, …`.
 * Only the splitting is shared: each scheme checks its own required fields and picks its own fault.
 */
import { type Fault, fault } from '../catalog/index.ts'

/**
 * Splits `ALGORITHM Name=value, …` into its fields. Names and values are trimmed, so any spacing
 * around commas is fine; a value is cut at its first `=` only, so `/` and `=` stay in it (TC3's
 * `Credential=<id>/<date>/<service>/tc3_request`). A part without `=` is skipped and a repeated
 * name keeps its last value. Undefined when the header's first word is not `algorithm`.
 * @example parseAuthorization('TC3-HMAC-SHA256 Credential=AKID/2019-02-25/cvm/tc3_request, Signature=ab', 'TC3-HMAC-SHA256')
 * // { Credential: 'AKID/2019-02-25/cvm/tc3_request', Signature: 'ab' }
 */
export function parseAuthorization(
  header: string,
  algorithm: string,
): Record<string, string> | undefined {
  const trimmed = header.trim()
  if (!trimmed.startsWith(algorithm)) return undefined
  const next = trimmed[algorithm.length]
  if (next !== undefined && !/\s/.test(next)) return undefined
  // A null prototype, so a field named `__proto__` stays a plain field.
  const fields: Record<string, string> = Object.create(null)
  // One pass of indexOf over the header (no array of parts): this runs on every signed request.
  for (let at = algorithm.length; at < trimmed.length; ) {
    let comma = trimmed.indexOf(',', at)
    if (comma === -1) comma = trimmed.length
    const eq = trimmed.indexOf('=', at)
    if (eq !== -1 && eq < comma)
      fields[trimmed.slice(at, eq).trim()] = trimmed.slice(eq + 1, comma).trim()
    at = comma + 1
  }
  return fields
}

/** An IncompleteSignature naming the headers a scheme requires in `SignedHeaders` but did not get. */
export function checkSignedHeaders(
  signedHeaders: readonly string[],
  required: readonly string[],
): Fault | undefined {
  const missing = required.filter((name) => !signedHeaders.includes(name))
  if (missing.length === 0) return undefined
  return fault('IncompleteSignature', {
    reason: `SignedHeaders must include ${missing.join(', ')}.`,
  })
}

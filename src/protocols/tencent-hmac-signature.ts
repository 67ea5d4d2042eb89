/**
 * Tencent Cloud's "v1" signature over a parameter set, shared by API 2.0 (`/v2/index.php`) and the
 * API 3.0 form variant at `/`. Spec: protocols.md §5.3.
 * - String to sign: `METHOD + host + path + '?'` + every parameter but Signature as RAW `name=value`,
 *   sorted by name, `_` in names spelled `.`; base64 HMAC-SHA1, or HMAC-SHA256 when
 *   `SignatureMethod=HmacSHA256`, keyed by the bare secret.
 * - qcloudapi-sdk skips the `_` → `.` rename for a leading `_` and tencentcloud-sdk-nodejs never
 *   renames: both spellings are tried, over the Host as sent, without its port and the documented hosts.
 * - `Nonce` is an integer; the SDKs draw it from 0–65535, so 0 is accepted although the doc says positive.
 */
import { type Fault, fault, isFault } from '../catalog/index.ts'
import { checkUnixClock, readUnixTimestamp } from './check-clock.ts'
import { checkNonce } from './check-nonce.ts'
import { hmac, safeEqual } from './crypto.ts'
import { hostVariants } from './host-variants.ts'
import { maskToken } from './mask-token.ts'
import type { AuthContext, Principal, WireRequest } from './protocol.ts'

/**
 * Verifies a v1 (HmacSHA1/HmacSHA256) signed parameter set: credential, signature over the Host as
 * sent (then without its port, then `extraHosts`), clock window, then the nonce. Returns who signed,
 * or the first fault.
 * @see https://cloud.tencent.com/document/api/213/1275 (protocols.md §5.3)
 */
export function verifyV1Signature(
  request: Pick<WireRequest, 'method' | 'headers'>,
  params: Readonly<Record<string, string>>,
  ctx: AuthContext,
  path: string,
  extraHosts: readonly string[] = [],
): Principal | Fault {
  const keyId = params['SecretId']
  if (!keyId) return fault('MissingCredential')
  const signature = params['Signature']
  if (!signature)
    return fault('IncompleteSignature', { reason: 'the Signature parameter is missing' })
  const timestamp = params['Timestamp']
  const seconds = readUnixTimestamp(timestamp)
  if (isFault(seconds)) return seconds
  const nonce = params['Nonce']
  if (!nonce) return fault('IncompleteSignature', { reason: 'the Nonce parameter is missing' })
  if (!/^\d{1,20}$/.test(nonce)) {
    return fault('InvalidParameter', {
      param: 'Nonce',
      reason: `Nonce must be a positive integer, got "${nonce}"`,
    })
  }
  const key = ctx.keys('tencent', keyId)
  if (!key?.secret) return fault('UnknownCredential', { value: keyId })
  // A client that sends a raw `+` in the query gets it decoded as a space.
  const sent = signature.replaceAll(' ', '+')
  const candidates = [
    ...new Set(
      hostVariants(request.headers['host'] ?? '', extraHosts).flatMap((host) => [
        v1StringToSign(request.method, host, path, params),
        v1StringToSign(request.method, host, path, params, false),
      ]),
    ),
  ]
  const matched = candidates.some((text) =>
    safeEqual(v1Signature(key.secret!, text, params['SignatureMethod']), sent),
  )
  if (!matched) {
    // The first candidate, echoed with a temporary credential's Token masked (README Decisions).
    const host = hostVariants(request.headers['host'] ?? '', extraHosts)[0] ?? ''
    const shown =
      params['Token'] === undefined
        ? candidates[0]!
        : v1StringToSign(request.method, host, path, maskToken(params, 'Token'))
    return fault('SignatureMismatch', { stringToSign: shown })
  }
  const late = checkUnixClock(seconds, timestamp!, ctx)
  if (late) return late
  // Tencent pairs the Nonce with the Timestamp against replay; the SDKs draw Nonce from 0..65535,
  // so the Nonce alone repeats within minutes for a busy client.
  const replayed = checkNonce(`tencent:${keyId}:${seconds}:${nonce}`, seconds * 1000, ctx)
  if (replayed) return replayed
  return { keyId, account: key.account }
}

/**
 * The v1 string to sign: `METHOD + host + path + '?'` + every parameter but Signature as raw
 * `name=value`, sorted by name, names with `_` spelled `.` (unless `dotNames` is false).
 * @example v1StringToSign('GET', 'cvm.api.qcloud.com', '/v2/index.php', { Nonce: '1', Action: 'X' })
 * // 'GETcvm.api.qcloud.com/v2/index.php?Action=X&Nonce=1'
 */
export function v1StringToSign(
  method: string,
  host: string,
  path: string,
  params: Readonly<Record<string, string>>,
  dotNames = true,
): string {
  const query = Object.entries(params)
    .filter(([name]) => name !== 'Signature')
    .map(([name, value]) => [dotNames ? name.replaceAll('_', '.') : name, value] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&')
  return `${method.toUpperCase()}${host}${path}?${query}`
}

/** Base64 HMAC of a v1 string to sign: SHA-256 for `HmacSHA256`, SHA-1 otherwise. */
export function v1Signature(
  secret: string,
  stringToSign: string,
  signatureMethod?: string,
): string {
  return hmac(signatureMethod === 'HmacSHA256' ? 'sha256' : 'sha1', secret, stringToSign).toString(
    'base64',
  )
}

/**
 * Flattens nested parameters the way the Tencent SDKs do for form encoding: `{a: [{b: 1}]}` →
 * `{'a.0.b': '1'}`; scalars keep their name, undefined is dropped.
 */
export function flattenParams(
  params: Record<string, unknown>,
  prefix = '',
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue
    if (typeof value === 'object')
      Object.assign(out, flattenParams(value as Record<string, unknown>, `${prefix}${name}.`))
    else out[`${prefix}${name}`] = String(value)
  }
  return out
}

/**
 * A positive integer nonce from whatever the environment gives (often hex): digits pass through,
 * anything else is read as hex.
 */
export function integerNonce(raw: string): string {
  if (/^[1-9]\d*$/.test(raw)) return raw
  const value = Number.parseInt(raw.replace(/[^0-9a-f]/gi, '').slice(0, 12), 16)
  return String(Number.isNaN(value) || value === 0 ? 1 : value)
}

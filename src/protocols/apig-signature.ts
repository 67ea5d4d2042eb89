/**
 * Huawei Cloud API Gateway AK/SK signature `SDK-HMAC-SHA256`. Spec: protocols.md §7.
 * - `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` with `X-Sdk-Date`
 *   (`YYYYMMDDTHHMMSSZ`, 15 minutes either way); `host` must be signed, and is signed as sent, port
 *   included.
 * - Canonical URI: every segment percent-encoded, then a trailing `/`. Python decodes the path first;
 *   the Node SDK encodes the already-encoded path again (`%20` → `%2520`). Both forms are accepted.
 * - `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` leaves the body out of the signature.
 * - No nonce: identical requests in the same second are byte-identical and both are accepted.
 */
import { type Fault, fault, isFault } from '../catalog/index.ts'
import { checkClock } from './check-clock.ts'
import { hmacMatchesHex, prepareHmac, sha256Hex } from './crypto.ts'
import { checkSignedHeaders, parseAuthorization } from './parse-authorization.ts'
import { decodeQueryPairs, decodeSegment } from './parse-params.ts'
import { percentEncode } from './percent-encode.ts'
import type { AuthContext, KeyEntry, WireRequest } from './protocol.ts'

/** The algorithm name that opens an APIG `Authorization` header and its string to sign. */
export const APIG_ALGORITHM = 'SDK-HMAC-SHA256'
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD'

type ApigAuthorization = { access: string; signedHeaders: string[]; signature: string }

/** Reads `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…`, whatever the spacing or name case. */
export function readApigAuthorization(header: string): ApigAuthorization | Fault {
  const fields = parseAuthorization(header, APIG_ALGORITHM)
  if (!fields) {
    const algorithm = header.trim().split(/\s/, 1)[0] ?? ''
    return fault('UnsupportedSignatureMethod', { value: algorithm })
  }
  const named = new Map(Object.entries(fields).map(([name, value]) => [name.toLowerCase(), value]))
  const access = named.get('access')
  const signedHeaders = named.get('signedheaders')
  const signature = named.get('signature')
  if (!access || !signedHeaders || !signature) {
    return fault('IncompleteSignature', {
      reason: 'Authorization needs Access, SignedHeaders and Signature.',
    })
  }
  return {
    access,
    signedHeaders: signedHeaders
      .split(';')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name.length > 0),
    signature: signature.toLowerCase(),
  }
}

/**
 * Verifies an AK/SK signed request: the Authorization fields, `X-Sdk-Date`, the AK, the clock, then
 * the signature over either canonical URI. Returns the AK and its key entry, or the first fault.
 * @see https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-algorithm.html
 */
export function verifyApigSignature(
  request: WireRequest,
  ctx: AuthContext,
): { keyId: string; entry: KeyEntry } | Fault {
  const header = request.headers['authorization']
  if (!header) {
    return fault('MissingCredential', {
      reason: `Send X-Auth-Token or an ${APIG_ALGORITHM} Authorization header.`,
    })
  }
  const auth = readApigAuthorization(header)
  if (isFault(auth)) return auth
  const incomplete = checkSignedHeaders(auth.signedHeaders, ['host'])
  if (incomplete) return incomplete
  const date = request.headers['x-sdk-date']
  if (!date) return fault('MissingTimestamp')
  const ms = parseSdkDate(date)
  if (ms === undefined)
    return fault('InvalidTimestamp', { value: date, reason: 'X-Sdk-Date is not YYYYMMDDTHHMMSSZ' })
  const entry = ctx.keys('huawei-aksk', auth.access)
  // The gateway names an unknown AK (`ak <AK> not exist`).
  if (!entry?.secret)
    return fault('UnknownCredential', {
      value: auth.access,
      reason: `ak ${auth.access} not exist`,
    })
  const late = checkClock(ms, ctx.now(), ctx.windowSeconds, date)
  // Both times in the X-Sdk-Date format, as the gateway's "signature expired" message shows them.
  if (late) return { ...late, now: formatSdkDate(ctx.now()) }
  const signingKey = prepareHmac('sha256', entry.secret)
  let stringToSign = ''
  let canonicalRequest = ''
  const matched = canonicalUriVariants(request.path).some((uri) => {
    canonicalRequest = apigCanonicalRequest(request, auth.signedHeaders, uri)
    stringToSign = apigStringToSign(date, canonicalRequest)
    return hmacMatchesHex(signingKey, stringToSign, auth.signature)
  })
  if (!matched) return fault('SignatureMismatch', { stringToSign, canonicalRequest })
  return { keyId: auth.access, entry }
}

/** Formats epoch milliseconds as an `X-Sdk-Date`: `YYYYMMDDTHHMMSSZ` (UTC). */
export function formatSdkDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`
}

function parseSdkDate(value: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  if (!match) return undefined
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[]
  const ms = Date.UTC(year!, month! - 1, day, hour, minute, second)
  // Date.UTC rolls over (month 13, second 60); a real date formats back to itself.
  return formatSdkDate(ms) === value ? ms : undefined
}

/**
 * The canonical URI: each path segment percent-encoded (RFC 3986, `~` kept) after decoding, and a
 * trailing `/` even when the request has none.
 * @example apigCanonicalUri('/v1/p/my%20inst/image') // '/v1/p/my%20inst/image/'
 */
export function apigCanonicalUri(path: string): string {
  const uri = path
    .split('/')
    .map((segment) => percentEncode(decodeSegment(segment) ?? segment))
    .join('/')
  return uri.endsWith('/') ? uri : `${uri}/`
}

/** The spec's form, then the Node SDK's (it encodes the sent, already-encoded path once more). */
function canonicalUriVariants(path: string): string[] {
  const raw = path.split('/').map(percentEncode).join('/')
  const reencoded = raw.endsWith('/') ? raw : `${raw}/`
  const spec = apigCanonicalUri(path)
  return reencoded === spec ? [spec] : [spec, reencoded]
}

/** The canonical query: decoded pairs sorted by name then value, each side percent-encoded again. */
function canonicalQuery(query: string): string {
  const pairs = decodeQueryPairs(query)
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  pairs.sort(([nameA, valueA], [nameB, valueB]) => order(nameA, nameB) || order(valueA, valueB))
  return pairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&')
}

/**
 * The APIG canonical request: method, canonical URI, canonical query, `name:value\n` for each signed
 * header in the order given, the signed header list, and the payload hash (hex SHA-256 of the body,
 * or `UNSIGNED-PAYLOAD` when `X-Sdk-Content-Sha256` says so).
 * @see https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-algorithm.html
 */
export function apigCanonicalRequest(
  request: Pick<WireRequest, 'method' | 'path' | 'query' | 'headers' | 'body'>,
  signedHeaders: readonly string[],
  uri = apigCanonicalUri(request.path),
): string {
  const headers = signedHeaders
    .map((name) => `${name}:${(request.headers[name] ?? '').trim()}\n`)
    .join('')
  const declared = request.headers['x-sdk-content-sha256']
  const payloadHash = declared === UNSIGNED_PAYLOAD ? declared : sha256Hex(request.body)
  return [
    request.method,
    uri,
    canonicalQuery(request.query),
    headers,
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n')
}

/** The APIG string to sign: `SDK-HMAC-SHA256\n<X-Sdk-Date>\n<hex sha256 of the canonical request>`. */
export function apigStringToSign(sdkDate: string, canonicalRequest: string): string {
  return `${APIG_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonicalRequest)}`
}

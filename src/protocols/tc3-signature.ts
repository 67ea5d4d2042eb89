/**
 * Tencent Cloud API 3.0 signature `TC3-HMAC-SHA256`. Spec: protocols.md §6.
 * - Canonical request: method, path, query as sent, `name:value\n` per signed header, the signed
 *   header list and the hex SHA-256 payload hash; the key chain is `TC3`+secret → date → service →
 *   `tc3_request`.
 * - tencentcloud-sdk-nodejs signs the host WITHOUT its port although its Host header has one, and takes
 *   the credential-scope service from the endpoint's first label (`127` for 127.0.0.1): the service is
 *   read from the scope, never checked against the product, and the host is tried as sent, without its
 *   port, then as the operation's documented hosts.
 * - Canonical header values are used as sent and lower-cased (the doc says lower-case, the SDKs do not
 *   lower-case); `X-TC-Content-SHA256: UNSIGNED-PAYLOAD` hashes that literal instead of the body [I].
 * - No nonce: identical requests within one second are legitimate.
 */
import { type Fault, fault, isFault } from '../catalog/index.ts'
import { checkUnixClock, readUnixTimestamp } from './check-clock.ts'
import { type Memo, memoTable, recall } from './create-memo.ts'
import { type HmacKey, hmac, hmacMatchesHex, prepareHmac, sha256Hex } from './crypto.ts'
import { hostVariants } from './host-variants.ts'
import { checkSignedHeaders, parseAuthorization } from './parse-authorization.ts'
import type { AuthContext, Principal, WireRequest } from './protocol.ts'

/** The algorithm name that opens a TC3 `Authorization` header and its string to sign. */
export const TC3 = 'TC3-HMAC-SHA256'
const REQUIRED_SIGNED_HEADERS = ['content-type', 'host']

/** The fields of a TC3 `Authorization` header, the credential scope split up. */
export type Tc3Authorization = {
  keyId: string
  date: string
  service: string
  signedHeaders: readonly string[]
  signature: string
}

/** Reads `TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/tc3_request, SignedHeaders=…, Signature=…`. */
export function readTc3Authorization(header: string, memo?: Memo): Tc3Authorization | undefined {
  const fields = parseAuthorization(header, TC3)
  return fields && readTc3Fields(fields, memo)
}

/**
 * `readTc3Authorization` from the header's fields, already split by `parseAuthorization`. With a
 * memo, the credential scope and the signed-header list are read once per distinct value (a client
 * sends the same ones for a whole day), so a request costs two lookups and the signature's case.
 */
export function readTc3Fields(
  fields: Readonly<Record<string, string>>,
  memo?: Memo,
): Tc3Authorization | undefined {
  const { Credential, SignedHeaders, Signature } = fields
  if (!Credential || !SignedHeaders || !Signature) return undefined
  const scope = recall(memo, SCOPES, Credential, readScope)
  if (!scope) return undefined
  const signedHeaders = recall(memo, HEADER_LISTS, SignedHeaders, readHeaderList)
  // Fields written out: V8 (Node 20) takes a slow path for `{ ...object, more }`, ~1 µs here.
  return {
    keyId: scope.keyId,
    date: scope.date,
    service: scope.service,
    signedHeaders,
    signature: Signature.toLowerCase(),
  }
}

/**
 * The key id a TC3 request claims: `readTc3Fields(fields)?.keyId` without reading the signed-header
 * list (what `parse` needs, with no memo at hand).
 */
export function readTc3KeyId(fields: Readonly<Record<string, string>>): string | undefined {
  const { Credential, SignedHeaders, Signature } = fields
  if (!Credential || !SignedHeaders || !Signature) return undefined
  // `readScope`'s test without splitting: three non-empty parts, then `/tc3_request` and nothing else.
  const first = Credential.indexOf('/')
  const second = Credential.indexOf('/', first + 1)
  const third = Credential.indexOf('/', second + 1)
  const ends = Credential.length - SCOPE_END.length === third && Credential.endsWith(SCOPE_END)
  return ends && first > 0 && second > first + 1 && third > second + 1
    ? Credential.slice(0, first)
    : undefined
}

const SCOPE_END = '/tc3_request'

type Scope = Readonly<{ keyId: string; date: string; service: string }>

function readScope(credential: string): Scope | undefined {
  const [keyId, date, service, terminator, ...rest] = credential.split('/')
  if (!keyId || !date || !service || terminator !== 'tc3_request' || rest.length > 0)
    return undefined
  return Object.freeze({ keyId, date, service })
}

function readHeaderList(signedHeaders: string): readonly string[] {
  return Object.freeze(signedHeaders.split(';').map((name) => name.trim().toLowerCase()))
}

/** Distinct values remembered per table: clients choose them, so the tables are bounded. */
const REMEMBERED_MAX = 256
const SCOPES = memoTable<Scope | undefined>('tc3 credential scopes', REMEMBERED_MAX)
const HEADER_LISTS = memoTable<readonly string[]>('tc3 signed-header lists', REMEMBERED_MAX)
/** The largest number of derived keys remembered: the service is whatever a client puts in its scope. */
const DERIVED_KEYS = memoTable<HmacKey>('tc3 signing keys', 64)
/** Credential-scope dates (`YYYY-MM-DD`) read back to their UNIX day; NaN when not a real date. */
const SCOPE_DAYS = memoTable<number>('tc3 scope days', REMEMBERED_MAX)

/**
 * Verifies a TC3 request: the Authorization fields, `X-TC-Timestamp` and its UTC date in the
 * credential scope, the credential, the signature (any host spelling in `extraHosts` too), then
 * the clock. Returns who signed, or the first fault.
 * @see https://www.tencentcloud.com/document/api/213/33224 (protocols.md §6)
 */
export function verifyTc3Signature(
  request: WireRequest,
  ctx: AuthContext,
  extraHosts: readonly string[] = [],
  /** The Authorization header's fields when the caller already split them (`Call.signed`). */
  fields?: Readonly<Record<string, string>>,
): Principal | Fault {
  const header = request.headers['authorization']
  if (!header) return fault('MissingCredential', { reason: `Sign the request with ${TC3}.` })
  const auth = fields ? readTc3Fields(fields, ctx.memo) : readTc3Authorization(header, ctx.memo)
  if (!auth) {
    return fault('IncompleteSignature', {
      reason:
        'Expected Credential=<SecretId>/<date>/<service>/tc3_request, SignedHeaders=…, Signature=….',
    })
  }
  const incomplete = checkSignedHeaders(auth.signedHeaders, REQUIRED_SIGNED_HEADERS)
  if (incomplete) return incomplete
  const timestamp = request.headers['x-tc-timestamp']
  const seconds = readUnixTimestamp(timestamp)
  if (isFault(seconds)) return seconds
  // The scope's date read back to a day (remembered) costs less than formatting the timestamp's.
  if (recall(ctx.memo, SCOPE_DAYS, auth.date, dayOf) !== Math.floor(seconds / 86_400)) {
    return fault('IncompleteSignature', {
      reason: `The credential date ${auth.date} is not the UTC date of X-TC-Timestamp ${timestamp} (${utcDate(seconds)}).`,
    })
  }
  const key = ctx.keys('tencent', auth.keyId)
  if (!key?.secret) return fault('UnknownCredential', { value: auth.keyId })
  const signingKey = memoSigningKey(ctx.memo, key.secret, auth.date, auth.service)
  const matches = (stringToSign: string) => hmacMatchesHex(signingKey, stringToSign, auth.signature)
  const accept = (): Principal | Fault =>
    checkUnixClock(seconds, timestamp!, ctx) ?? { keyId: auth.keyId, account: key.account }
  const payloadHash = sha256Hex(request.method === 'GET' ? '' : request.body)
  // The spelling the official SDKs sign (host without its port, values as sent, the body's hash)
  // is tried first and alone: a request signed the usual way costs one canonical request, two
  // SHA-256 and one HMAC. The other spellings are built only when it does not match.
  const sent = request.headers['host'] ?? ''
  const usual = tc3CanonicalFor(request, auth, withoutPort(sent), false, payloadHash)
  if (matches(tc3StringToSign(timestamp!, auth.date, auth.service, usual))) return accept()
  const payloads = [payloadHash]
  if (request.headers['x-tc-content-sha256'] === 'UNSIGNED-PAYLOAD')
    payloads.push(sha256Hex('UNSIGNED-PAYLOAD'))
  for (const text of tc3Candidates(request, auth, timestamp!, extraHosts, payloads, usual)) {
    if (matches(text)) return accept()
  }
  // The report shows the request as sent: its Host, its header values, the body's hash.
  const canonicalRequest = tc3CanonicalFor(request, auth, sent, false, payloadHash)
  const stringToSign = tc3StringToSign(timestamp!, auth.date, auth.service, canonicalRequest)
  return fault('SignatureMismatch', { stringToSign, canonicalRequest })
}

function withoutPort(host: string): string {
  return host.replace(/:\d+$/, '')
}

/**
 * Every string to sign a conforming client may have used, each once: host spellings × header-value
 * case × payload. The host without its port comes first because the official SDKs sign that one;
 * the order only decides how soon a match is found, never whether one is.
 */
function* tc3Candidates(
  request: WireRequest,
  auth: Tc3Authorization,
  timestamp: string,
  extraHosts: readonly string[],
  payloads: readonly string[],
  tried: string,
): Generator<string> {
  const sent = request.headers['host'] ?? ''
  const bare = withoutPort(sent)
  const hosts = [bare, ...hostVariants(sent, extraHosts).filter((host) => host !== bare)]
  const seen = new Set<string>([tried])
  for (const host of hosts) {
    for (const lower of [false, true]) {
      for (const payloadHash of payloads) {
        const canonical = tc3CanonicalFor(request, auth, host, lower, payloadHash)
        // Equal canonical requests give equal strings to sign: skip the hash and the HMAC.
        if (seen.has(canonical)) continue
        seen.add(canonical)
        yield tc3StringToSign(timestamp, auth.date, auth.service, canonical)
      }
    }
  }
}

function tc3CanonicalFor(
  request: WireRequest,
  auth: Tc3Authorization,
  host: string,
  lower: boolean,
  payloadHash: string,
): string {
  // Only the signed headers are read: copy those, not every header.
  const headers: Record<string, string> = Object.create(null)
  for (const name of auth.signedHeaders) {
    const value = name === 'host' ? host : (request.headers[name] ?? '')
    headers[name] = lower ? value.toLowerCase() : value
  }
  return tc3CanonicalRequest({
    method: request.method,
    path: request.path,
    query: request.query,
    headers,
    signedHeaders: auth.signedHeaders,
    payloadHash,
  })
}

/** What goes into a TC3 canonical request; `headers` are lower-case names with the values to sign. */
export type Tc3RequestParts = {
  method: string
  path: string
  query: string
  headers: Readonly<Record<string, string>>
  signedHeaders: readonly string[]
  payloadHash: string
}

/**
 * The TC3 canonical request: method, path, query as sent, `name:value\n` per signed header (in the
 * order given), the signed-header list and the payload hash, joined by `\n`.
 * @see https://www.tencentcloud.com/document/api/213/33224 (protocols.md §6)
 */
export function tc3CanonicalRequest(parts: Tc3RequestParts): string {
  let canonicalHeaders = ''
  for (const name of parts.signedHeaders)
    canonicalHeaders += `${name}:${(parts.headers[name] ?? '').trim()}\n`
  return `${parts.method}\n${parts.path || '/'}\n${parts.query}\n${canonicalHeaders}\n${parts.signedHeaders.join(';')}\n${parts.payloadHash}`
}

/** The TC3 string to sign: algorithm, timestamp, `<date>/<service>/tc3_request`, canonical hash. */
export function tc3StringToSign(
  timestamp: string,
  date: string,
  service: string,
  canonicalRequest: string,
): string {
  return `${TC3}\n${timestamp}\n${date}/${service}/tc3_request\n${sha256Hex(canonicalRequest)}`
}

/**
 * `tc3SigningKey`, prepared for HMAC and looked up in `memo` first (a pure function of its
 * arguments, so safe to reuse).
 */
function memoSigningKey(
  memo: Memo | undefined,
  secret: string,
  date: string,
  service: string,
): HmacKey {
  const derive = () => prepareHmac('sha256', tc3SigningKey(secret, date, service))
  if (!memo) return derive()
  return memo.recall(DERIVED_KEYS, `${secret}\u0000${date}\u0000${service}`, derive)
}

function tc3SigningKey(secret: string, date: string, service: string): Buffer {
  return hmac(
    'sha256',
    hmac('sha256', hmac('sha256', `TC3${secret}`, date), service),
    'tc3_request',
  )
}

/** The TC3 signature: hex HMAC-SHA256 under the key chain `TC3`+secret → date → service → `tc3_request`. */
export function tc3Signature(
  secret: string,
  date: string,
  service: string,
  stringToSign: string,
): string {
  return hmac('sha256', tc3SigningKey(secret, date, service), stringToSign).toString('hex')
}

/** The UTC date (`YYYY-MM-DD`) of a UNIX time: the `<date>` of the TC3 credential scope. */
export function utcDate(seconds: number): string {
  return new Date(Math.floor(seconds / 86_400) * 86_400_000).toISOString().slice(0, 10)
}

/** The UNIX day of a `YYYY-MM-DD` date, NaN unless `utcDate` writes that day exactly so. */
function dayOf(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return Number.NaN
  const day = Date.parse(`${date}T00:00:00Z`) / 86_400_000
  return Number.isInteger(day) && utcDate(day * 86_400) === date ? day : Number.NaN
}

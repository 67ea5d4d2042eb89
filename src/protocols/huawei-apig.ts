/**
 * Huawei Cloud API Gateway (APIG) in front of ImageSearch v1. Spec: protocols.md §7.
 * - REST: the route comes from the catalogue (`PUT /v1/{project_id}/{instance_name}/image`, a
 *   trailing `/` tolerated) and the body is a JSON object. Every other `/v1/…` path is claimed too,
 *   so it gets the gateway's `APIGW.0101` rather than another vendor's error.
 * - Two ways in: `X-Auth-Token` (an IAM token; the only header the API page lists) or
 *   `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` with `X-Sdk-Date`
 *   (`YYYYMMDDTHHMMSSZ`, 15 minutes either way). `host` is signed as sent, port included.
 * - No nonce: identical requests in the same second are byte-identical and both are accepted.
 * - Canonical URI: every segment percent-encoded, then a trailing `/`. Python decodes the path first;
 *   the Node SDK encodes the already-encoded path again (`%20` → `%2520`). Both forms are accepted.
 * - `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` leaves the body out of the signature.
 * - Errors carry the real HTTP status and `{error_code, error_msg}`; gateway (`APIGW.*`) errors add
 *   `request_id`. The SDK reads the request id only from the `X-Request-Id` response header.
 */
import {
  type Fault,
  fault,
  isFault,
  type OperationDefinition,
  operations,
  renderMessage,
  vendorErrorFor,
} from '../catalog/index.ts'
import { InvalidOptionError } from '../errors.ts'
import { checkClock } from './check-clock.ts'
import { hmac, safeEqual, sha256Hex } from './crypto.ts'
import { decodeUtf8 } from './parse-params.ts'
import { percentEncode } from './percent-encode.ts'
import type {
  AuthContext,
  Call,
  KeyEntry,
  ParsedResponse,
  Principal,
  WireProtocol,
  WireRequest,
  WireResponse,
} from './protocol.ts'

const ALGORITHM = 'SDK-HMAC-SHA256'
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD'
const JSON_TYPE = 'application/json;charset=UTF-8'
const routes = operations.filter(
  (operation) => operation.protocol === 'huawei-apig' && operation.http,
)

function claims(request: WireRequest): boolean {
  return request.path.startsWith('/v1/')
}

/** Path values bound by a `{name}` template, or undefined when the path does not fit it. */
function matchPath(template: string, path: string): Record<string, string> | undefined {
  const wanted = template.split('/')
  const got = (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path).split('/')
  if (wanted.length !== got.length) return undefined
  const values: Record<string, string> = {}
  for (const [index, part] of wanted.entries()) {
    const segment = got[index]!
    const name = /^\{(\w+)\}$/.exec(part)?.[1]
    if (name === undefined ? segment !== part : segment === '') return undefined
    if (name !== undefined) values[name] = segment
  }
  return values
}

function parse(request: WireRequest): Call | Fault {
  const bound = routes.map((operation) => ({
    operation,
    raw: matchPath(operation.http!.path, request.path),
  }))
  const onPath = bound.filter((route) => route.raw !== undefined)
  const route = onPath.find(({ operation }) => operation.http!.method === request.method)
  if (!route?.raw) {
    if (onPath.length > 0) {
      const allowed = onPath.map(({ operation }) => operation.http!.method).join(', ')
      return fault('MethodNotAllowed', {
        reason: `${request.method} ${request.path} is not supported, use ${allowed}.`,
      })
    }
    return fault('UnknownAction', { reason: `No API matches ${request.method} ${request.path}.` })
  }
  const scope: Record<string, string> = {}
  for (const [name, raw] of Object.entries(route.raw)) {
    const value = decodeSegment(raw)
    if (value === undefined)
      return fault('InvalidParameter', { param: name, reason: 'bad percent-encoding in the path' })
    scope[name] = value
  }
  const params = parseJsonObject(request.body)
  if (isFault(params)) return params
  return {
    protocol: 'huawei-apig',
    action: route.operation.action,
    version: route.operation.version,
    params,
    keyId: readKeyId(request),
    format: 'json',
    scope,
  }
}

function parseJsonObject(body: Buffer): Record<string, unknown> | Fault {
  const text = decodeUtf8(body)
  if (text === undefined) return fault('MalformedBody', { reason: 'the body is not valid UTF-8' })
  if (text.trim() === '')
    return fault('MalformedBody', { reason: 'the body is empty, expected a JSON object' })
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return fault('MalformedBody', { reason: (error as Error).message })
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fault('MalformedBody', { reason: 'the body must be a JSON object' })
  }
  return value as Record<string, unknown>
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

function readKeyId(request: WireRequest): string | undefined {
  const token = request.headers['x-auth-token']
  if (token !== undefined) return token
  const auth = readAuthorization(request.headers['authorization'] ?? '')
  return isFault(auth) ? undefined : auth.access
}

type ApigAuthorization = { access: string; signedHeaders: string[]; signature: string }

/** Reads `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…`, whatever the spacing. */
function readAuthorization(header: string): ApigAuthorization | Fault {
  const trimmed = header.trim()
  const algorithm = trimmed.split(/\s/, 1)[0] ?? ''
  if (algorithm !== ALGORITHM) return fault('UnsupportedSignatureMethod', { value: algorithm })
  const fields = new Map<string, string>()
  for (const part of trimmed.slice(algorithm.length).split(',')) {
    const eq = part.indexOf('=')
    if (eq !== -1) fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim())
  }
  const access = fields.get('access')
  const signedHeaders = fields.get('signedheaders')
  const signature = fields.get('signature')
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

type Credential = { keyId: string; entry: KeyEntry }

function authenticate(call: Call, request: WireRequest, ctx: AuthContext): Principal | Fault {
  const token = request.headers['x-auth-token']
  const credential =
    token === undefined ? authenticateAksk(request, ctx) : authenticateToken(token, ctx)
  if (isFault(credential)) return credential
  const { keyId, entry } = credential
  const pathProject = call.scope['project_id']
  if (entry.project !== undefined && pathProject !== undefined && pathProject !== entry.project) {
    return fault('Forbidden', { reason: `The credential is not scoped to project ${pathProject}.` })
  }
  const project = entry.project ?? pathProject
  return project === undefined
    ? { keyId, account: entry.account }
    : { keyId, account: entry.account, project }
}

function authenticateToken(token: string, ctx: AuthContext): Credential | Fault {
  if (token.trim() === '') return fault('MissingCredential', { reason: 'X-Auth-Token is empty.' })
  const entry = ctx.keys('huawei-token', token)
  // Never echo a token: unlike an AK it is the secret itself.
  if (!entry) return fault('UnknownCredential')
  return { keyId: token, entry }
}

function authenticateAksk(request: WireRequest, ctx: AuthContext): Credential | Fault {
  const header = request.headers['authorization']
  if (!header) {
    return fault('MissingCredential', {
      reason: `Send X-Auth-Token or an ${ALGORITHM} Authorization header.`,
    })
  }
  const auth = readAuthorization(header)
  if (isFault(auth)) return auth
  if (!auth.signedHeaders.includes('host')) {
    return fault('IncompleteSignature', { reason: 'SignedHeaders must include host.' })
  }
  const date = request.headers['x-sdk-date']
  if (!date) return fault('MissingTimestamp')
  const ms = parseSdkDate(date)
  if (ms === undefined) return fault('InvalidTimestamp', { value: date })
  const entry = ctx.keys('huawei-aksk', auth.access)
  if (!entry?.secret) return fault('UnknownCredential', { value: auth.access })
  const late = checkClock(ms, ctx.now(), ctx.windowSeconds, date)
  // Both times in the X-Sdk-Date format, as the gateway's "signature expired" message shows them.
  if (late) return { ...late, now: formatSdkDate(ctx.now()) }
  let stringToSign = ''
  const matched = canonicalUriVariants(request.path).some((uri) => {
    stringToSign = apigStringToSign(date, apigCanonicalRequest(request, auth.signedHeaders, uri))
    return safeEqual(hmac('sha256', entry.secret!, stringToSign).toString('hex'), auth.signature)
  })
  if (!matched) return fault('SignatureMismatch', { stringToSign })
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
  const pairs = query
    .split('&')
    .filter((pair) => pair.length > 0)
    .map((pair) => {
      const eq = pair.indexOf('=')
      const name = eq === -1 ? pair : pair.slice(0, eq)
      const value = eq === -1 ? '' : pair.slice(eq + 1)
      return [decodeQuery(name), decodeQuery(value)] as const
    })
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  pairs.sort(([nameA, valueA], [nameB, valueB]) => order(nameA, nameB) || order(valueA, valueB))
  return pairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&')
}

function decodeQuery(text: string): string {
  return decodeSegment(text.replaceAll('+', ' ')) ?? text
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
  return `${ALGORITHM}\n${sdkDate}\n${sha256Hex(canonicalRequest)}`
}

function render(...[outcome, ctx]: Parameters<WireProtocol['render']>): WireResponse {
  const headers = { 'content-type': JSON_TYPE, 'x-request-id': ctx.requestId }
  if (outcome.ok) return { status: 200, headers, body: JSON.stringify({ result: 'Success' }) }
  const spec = vendorErrorFor('huawei-apig', outcome.fault.kind, ctx.operation)
  // A template placeholder left empty (a token is never echoed) would leave a double space.
  const message = renderMessage(spec.message, outcome.fault).replace(/ {2,}/g, ' ').trim()
  const body = spec.code.startsWith('APIGW.')
    ? { error_code: spec.code, error_msg: message, request_id: ctx.requestId }
    : { error_code: spec.code, error_msg: message }
  return { status: spec.status, headers, body: JSON.stringify(body) }
}

const VARIANTS = ['AKSK', 'TOKEN'] as const

function sign(...[call, credentials, env]: Parameters<WireProtocol['sign']>): WireRequest {
  const variant = call.variant ?? 'AKSK'
  if (!VARIANTS.some((known) => known === variant)) {
    throw new InvalidOptionError(
      'variant',
      `huawei-apig signs with ${VARIANTS.join(' or ')}, got "${variant}"`,
    )
  }
  const { method, path } = routeOf(call.operation)
  const projectId = call.pathParams?.['project_id'] ?? credentials.project
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = name === 'project_id' ? projectId : call.pathParams?.[name]
    if (value === undefined) {
      throw new InvalidOptionError(
        `pathParams.${name}`,
        `${call.operation.action} needs it for ${path}`,
      )
    }
    return percentEncode(value)
  })
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    host: new URL(call.endpoint).host,
    ...(projectId === undefined ? {} : { 'x-project-id': projectId }),
    'x-sdk-date': formatSdkDate(env.now()),
  }
  const request: WireRequest = {
    method,
    path: filled,
    query: '',
    headers,
    body: Buffer.from(JSON.stringify(call.params)),
  }
  if (variant === 'TOKEN')
    return { ...request, headers: { ...headers, 'x-auth-token': credentials.keyId } }
  const signed = Object.keys(headers).sort()
  const stringToSign = apigStringToSign(
    headers['x-sdk-date']!,
    apigCanonicalRequest(request, signed),
  )
  const signature = hmac('sha256', credentials.secret ?? '', stringToSign).toString('hex')
  const authorization = `${ALGORITHM} Access=${credentials.keyId}, SignedHeaders=${signed.join(';')}, Signature=${signature}`
  return { ...request, headers: { ...headers, authorization } }
}

function routeOf(operation: OperationDefinition): { method: string; path: string } {
  if (!operation.http) {
    throw new InvalidOptionError(
      'operation',
      `${operation.id} has no HTTP route, huawei-apig needs one`,
    )
  }
  return operation.http
}

function readResponse(response: WireResponse): ParsedResponse {
  let body: unknown
  try {
    body = JSON.parse(response.body)
  } catch {
    body = undefined
  }
  const fields = isRecord(body) ? body : {}
  const header = Object.entries(response.headers).find(
    ([name]) => name.toLowerCase() === 'x-request-id',
  )
  const requestId = header?.[1] ?? optionalString(fields['request_id'])
  if (response.status >= 200 && response.status < 300 && fields['result'] !== undefined) {
    return { ok: true, requestId, result: {} }
  }
  // The SDK also reads the nested `{error: {code, message}}` envelope some services use.
  const nested = isRecord(fields['error']) ? fields['error'] : {}
  const code = optionalString(nested['code'] ?? fields['error_code'])
  const message = optionalString(nested['message'] ?? fields['error_msg'])
  return {
    ok: false,
    requestId,
    status: response.status,
    code: code ?? 'UnreadableResponse',
    message: message ?? response.body.slice(0, 200),
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function optionalString(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value)
}

/** The Huawei Cloud API Gateway scheme (ImageSearch), with AK/SK signing and IAM tokens. */
export const huaweiApig: WireProtocol = {
  id: 'huawei-apig',
  variants: VARIANTS,
  nonceVariants: [],
  credentialKind: 'huawei-aksk',
  windowSeconds: 15 * 60,
  claims,
  parse,
  authenticate,
  render,
  sign,
  readResponse,
}

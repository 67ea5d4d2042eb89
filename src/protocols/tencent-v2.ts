/**
 * Tencent Cloud legacy API 2.0 (`/v2/index.php`, `ModifyImageAttributes`). Spec: protocols.md §5.
 * - GET with the parameters in the query, or POST with a form body; the query and body are merged.
 * - Signature "v1": `METHOD + host + path + '?' + sorted name=value` with RAW values and `_` → `.` in
 *   names, base64 HMAC-SHA1 (or HMAC-SHA256 when `SignatureMethod=HmacSHA256`) keyed by the bare secret.
 * - The signed host is the Host header as sent (qcloudapi-sdk keeps the port); signatures over the
 *   operation's documented hosts (image.api.qcloud.com, cvm.api.qcloud.com) are accepted too, so
 *   recorded vendor traffic replays. qcloudapi-sdk skips the `_` → `.` rename for a leading `_`, and
 *   tencentcloud-sdk-nodejs never renames: both spellings are tried.
 * - `Nonce` is an integer; the SDKs draw it from 0–65535, so 0 is accepted although the doc says positive.
 * - Always HTTP 200 and JSON: `code` 0 is success, anything else an error with an integer `code`.
 *   The op's doc sample has no `codeDesc`; live legacy services add `"codeDesc":"Success"`.
 */
import {
  type Fault,
  fault,
  isFault,
  operations,
  type ProtocolId,
  renderMessage,
  vendorErrorFor,
} from '../catalog/index.ts'
import { checkClock } from './check-clock.ts'
import { hmac, safeEqual } from './crypto.ts'
import { parseQueryAndForm } from './parse-params.ts'
import { percentEncode } from './percent-encode.ts'
import type {
  AuthContext,
  Call,
  ParsedResponse,
  Principal,
  WireProtocol,
  WireRequest,
  WireResponse,
} from './protocol.ts'
import { shapeResult, unshapeResult } from './render-result.ts'

const PATH = '/v2/index.php'
const COMMON_PARAMS = new Set([
  'Action',
  'Region',
  'Timestamp',
  'Nonce',
  'SecretId',
  'Signature',
  'SignatureMethod',
  'Token',
  'RequestClient',
])
const JSON_TYPE = 'application/json'

// Per-request state shared by parse and authenticate; a WeakMap keeps `Call` free of scheme details.
const parsedParams = new WeakMap<Call, Record<string, string>>()

function parse(request: WireRequest): Call | Fault {
  if (request.method !== 'GET' && request.method !== 'POST') {
    return fault('MethodNotAllowed', {
      reason: `${request.method} is not supported, use GET or POST`,
    })
  }
  const params = parseQueryAndForm(request.query, request.body, request.headers['content-type'])
  if (isFault(params)) return params
  const business: Record<string, string> = {}
  for (const [name, value] of Object.entries(params))
    if (!COMMON_PARAMS.has(name)) business[name] = value
  const call: Call = {
    protocol: 'tencent-v2',
    action: params['Action'],
    version: undefined,
    params: business,
    keyId: params['SecretId'],
    format: 'json',
    scope: params['Region'] ? { region: params['Region'] } : {},
  }
  parsedParams.set(call, params)
  return call
}

function authenticate(call: Call, request: WireRequest, ctx: AuthContext): Principal | Fault {
  const hosts = documentedHosts('tencent-v2', call.action)
  return verifyV1Signature(request, parsedParams.get(call) ?? {}, ctx, PATH, hosts)
}

/**
 * Verifies a v1 (HmacSHA1/HmacSHA256) signed parameter set, shared by API 2.0 and the API 3.0 form
 * variant: credential, signature over the Host as sent (then without its port, then `extraHosts`),
 * clock window, then the nonce. Returns who signed, or the first fault.
 * @see https://cloud.tencent.com/document/api/213/1275 (protocols.md §5.3)
 */
export function verifyV1Signature(
  request: Pick<WireRequest, 'method' | 'headers'>,
  params: Record<string, string>,
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
  if (!timestamp) return fault('MissingTimestamp')
  const seconds = parseUnixSeconds(timestamp)
  if (seconds === undefined) {
    return fault('InvalidTimestamp', {
      value: timestamp,
      reason: `"${timestamp}" is not a UNIX time in seconds`,
    })
  }
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
  const algorithm = params['SignatureMethod'] === 'HmacSHA256' ? 'sha256' : 'sha1'
  // A client that sends a raw `+` in the query gets it decoded as a space.
  const sent = signature.replaceAll(' ', '+')
  const candidates = unique(
    hostVariants(request.headers['host'] ?? '', extraHosts).flatMap((host) => [
      v1StringToSign(request.method, host, path, params),
      v1StringToSign(request.method, host, path, params, false),
    ]),
  )
  const matched = candidates.some((text) =>
    safeEqual(hmac(algorithm, key.secret!, text).toString('base64'), sent),
  )
  if (!matched) return fault('SignatureMismatch', { stringToSign: candidates[0]! })
  const late = checkUnixClock(seconds, timestamp, ctx)
  if (late) return late
  const expiresAtMs = (seconds + ctx.windowSeconds) * 1000
  if (!ctx.nonces.claim(`tencent:${keyId}:${nonce}`, expiresAtMs, ctx.now()))
    return fault('NonceUsed')
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
  params: Record<string, string>,
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

/** Parses a UNIX time in whole seconds; undefined for anything else. */
export function parseUnixSeconds(value: string): number | undefined {
  if (!/^\d{1,12}$/.test(value)) return undefined
  return Number(value)
}

/** `checkClock` for UNIX-seconds schemes: the fault shows the server time in seconds too. */
export function checkUnixClock(
  seconds: number,
  shown: string,
  ctx: Pick<AuthContext, 'now' | 'windowSeconds'>,
): Fault | undefined {
  const nowMs = ctx.now()
  const late = checkClock(seconds * 1000, nowMs, ctx.windowSeconds, shown)
  return late && { ...late, now: String(Math.floor(nowMs / 1000)) }
}

/** The hosts the catalogue documents for an action of a scheme, for signatures made over them. */
export function documentedHosts(protocol: ProtocolId, action: string | undefined): string[] {
  return operations
    .filter((op) => op.protocol === protocol && op.action === action)
    .flatMap((op) => [...op.hosts])
}

function hostVariants(host: string, extraHosts: readonly string[]): string[] {
  return unique([host, host.replace(/:\d+$/, ''), ...extraHosts])
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)]
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

function render(
  outcome: Parameters<WireProtocol['render']>[0],
  ctx: Parameters<WireProtocol['render']>[1],
): WireResponse {
  if (outcome.ok) {
    const status =
      ctx.profile === 'live'
        ? { code: 0, message: '', codeDesc: 'Success' }
        : { code: 0, message: '' }
    const body = { ...status, ...shapeResult(ctx.operation, outcome.result, 'json', ctx.profile) }
    return { status: 200, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) }
  }
  const spec = vendorErrorFor('tencent-v2', outcome.fault.kind, ctx.operation)
  const body = {
    code: Number.parseInt(spec.code, 10),
    message: renderMessage(spec.message, outcome.fault).trim(),
    codeDesc: spec.codeDesc ?? '',
  }
  return { status: 200, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) }
}

const VARIANTS = ['POST', 'GET', 'POST-HmacSHA256', 'GET-HmacSHA256'] as const

function sign(...[call, credentials, env]: Parameters<WireProtocol['sign']>): WireRequest {
  const variant = call.variant ?? 'POST'
  if (!(VARIANTS as readonly string[]).includes(variant))
    throw new Error(
      `Failed to sign "${call.operation.action}": unknown tencent-v2 variant "${variant}"`,
    )
  const method = variant.startsWith('GET') ? 'GET' : 'POST'
  const host = new URL(call.endpoint).host
  const params: Record<string, string> = {
    ...flattenParams(call.params),
    Action: call.operation.action,
    Region: call.region ?? 'gz',
    Timestamp: String(Math.floor(env.now() / 1000)),
    Nonce: integerNonce(env.nonce()),
    SecretId: credentials.keyId,
  }
  if (variant.endsWith('HmacSHA256')) params['SignatureMethod'] = 'HmacSHA256'
  const stringToSign = v1StringToSign(method, host, PATH, params)
  params['Signature'] = v1Signature(
    credentials.secret ?? '',
    stringToSign,
    params['SignatureMethod'],
  )
  const encoded = Object.entries(params)
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&')
  if (method === 'GET')
    return { method, path: PATH, query: encoded, headers: { host }, body: Buffer.alloc(0) }
  const headers = { host, 'content-type': 'application/x-www-form-urlencoded' }
  return { method, path: PATH, query: '', headers, body: Buffer.from(encoded) }
}

function readResponse(
  response: WireResponse,
  operation: Parameters<WireProtocol['readResponse']>[1],
): ParsedResponse {
  let body: Record<string, unknown>
  try {
    body = JSON.parse(response.body) as Record<string, unknown>
  } catch {
    return {
      ok: false,
      requestId: undefined,
      status: response.status,
      code: 'UnreadableResponse',
      message: response.body.slice(0, 200),
    }
  }
  if (body === null || typeof body !== 'object' || body['code'] === undefined) {
    return {
      ok: false,
      requestId: undefined,
      status: response.status,
      code: 'UnreadableResponse',
      message: response.body.slice(0, 200),
    }
  }
  if (Number(body['code']) !== 0) {
    return {
      ok: false,
      requestId: undefined,
      status: response.status,
      code: String(body['code']),
      message: String(body['message'] ?? ''),
    }
  }
  return { ok: true, requestId: undefined, result: unshapeResult(operation, body) }
}

function claims(request: WireRequest): boolean {
  return request.path === PATH
}

/** The Tencent Cloud legacy API 2.0 scheme (`/v2/index.php`, HmacSHA1/HmacSHA256 v1 signature). */
export const tencentV2: WireProtocol = {
  id: 'tencent-v2',
  variants: VARIANTS,
  nonceVariants: VARIANTS,
  credentialKind: 'tencent',
  windowSeconds: 300,
  claims,
  parse,
  authenticate,
  render,
  sign,
  readResponse,
}

/**
 * Tencent Cloud API 3.0 (CVM `ModifyImageAttribute`, 2017-03-12). Spec: protocols.md §6.
 * - TC3-HMAC-SHA256: POST with a JSON body or GET with the parameters in the query; action, version,
 *   timestamp and region travel in `X-TC-*` headers, the signature in `Authorization`.
 * - tencentcloud-sdk-nodejs signs the host WITHOUT its port although its Host header has one, and takes
 *   the credential-scope service from the endpoint's first label (`127` for 127.0.0.1): the service is
 *   read from the scope, never checked against the product, and the host is tried as sent, without its
 *   port, then as the operation's documented hosts.
 * - Canonical header values are used as sent and lower-cased (the doc says lower-case, the SDKs do not
 *   lower-case); `X-TC-Content-SHA256: UNSIGNED-PAYLOAD` hashes that literal instead of the body [I].
 * - The v1 HmacSHA1/HmacSHA256 form scheme is accepted at `/` too (GET or url-encoded POST only, never
 *   JSON), signed like API 2.0 over `METHOD + host + '/?' + …` and with a replay-checked `Nonce`.
 * - No nonce in TC3: identical requests within one second are legitimate.
 * - Always HTTP 200 and JSON: `{"Response":{…,"RequestId"}}`, errors in `Response.Error{Code,Message}`.
 */
import { type Fault, fault, isFault, renderMessage, vendorErrorFor } from '../catalog/index.ts'
import { hmac, safeEqual, sha256Hex } from './crypto.ts'
import { decodeUtf8, mediaType, parseParams, parseQueryAndForm } from './parse-params.ts'
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
import {
  checkUnixClock,
  documentedHosts,
  flattenParams,
  integerNonce,
  parseUnixSeconds,
  v1Signature,
  v1StringToSign,
  verifyV1Signature,
} from './tencent-v2.ts'

const TC3 = 'TC3-HMAC-SHA256'
const FORM_TYPE = 'application/x-www-form-urlencoded'
const JSON_TYPE = 'application/json'
const COMMON_PARAMS = new Set([
  'Action',
  'Version',
  'Region',
  'Timestamp',
  'Nonce',
  'SecretId',
  'Signature',
  'SignatureMethod',
  'Token',
  'RequestClient',
  'Language',
])
const REQUIRED_SIGNED_HEADERS = ['content-type', 'host']

// Per-request state shared by parse and authenticate (form variant); keeps `Call` free of scheme details.
const parsedParams = new WeakMap<Call, Record<string, string>>()

function usesTc3(request: WireRequest): boolean {
  if ((request.headers['authorization'] ?? '').startsWith(TC3)) return true
  return request.headers['x-tc-action'] !== undefined && !hasV1Params(request)
}

function hasV1Params(request: WireRequest): boolean {
  const isForm =
    request.method === 'POST' && mediaType(request.headers['content-type']) === FORM_TYPE
  const text = `${request.query}&${isForm ? (decodeUtf8(request.body) ?? '') : ''}`
  return /(^|&)SecretId=/.test(text) && /(^|&)Action=/.test(text)
}

function parse(request: WireRequest): Call | Fault {
  if (request.method !== 'GET' && request.method !== 'POST') {
    return fault('MethodNotAllowed', {
      reason: `${request.method} is not supported, use GET or POST`,
    })
  }
  return usesTc3(request) ? parseTc3(request) : parseForm(request)
}

function parseTc3(request: WireRequest): Call | Fault {
  const params = request.method === 'GET' ? parseParams(request.query) : parseJsonBody(request.body)
  if (isFault(params)) return params
  const region = request.headers['x-tc-region']
  if (!region) return fault('MissingParameter', { param: 'Region' })
  return {
    protocol: 'tencent-v3',
    action: request.headers['x-tc-action'],
    version: request.headers['x-tc-version'],
    params,
    keyId: readTc3Authorization(request.headers['authorization'] ?? '')?.keyId,
    format: 'json',
    scope: { region },
  }
}

function parseJsonBody(body: Buffer): Record<string, unknown> | Fault {
  const text = decodeUtf8(body)
  if (text === undefined)
    return fault('MalformedBody', { param: 'body', reason: 'the body is not valid UTF-8' })
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return fault('MalformedBody', { param: 'body', reason: 'the body is not valid JSON' })
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fault('MalformedBody', { param: 'body', reason: 'the body must be a JSON object' })
  }
  return value as Record<string, unknown>
}

function parseForm(request: WireRequest): Call | Fault {
  const params = parseQueryAndForm(request.query, request.body, request.headers['content-type'])
  if (isFault(params)) return params
  const region = params['Region']
  if (!region) return fault('MissingParameter', { param: 'Region' })
  const business: Record<string, string> = {}
  for (const [name, value] of Object.entries(params))
    if (!COMMON_PARAMS.has(name)) business[name] = value
  const call: Call = {
    protocol: 'tencent-v3',
    action: params['Action'],
    version: params['Version'],
    params: business,
    keyId: params['SecretId'],
    format: 'json',
    scope: { region },
  }
  parsedParams.set(call, params)
  return call
}

function authenticate(call: Call, request: WireRequest, ctx: AuthContext): Principal | Fault {
  if (usesTc3(request)) return authenticateTc3(call, request, ctx)
  const type = mediaType(request.headers['content-type'])
  if (request.method === 'POST' && type !== FORM_TYPE && type !== '') {
    return fault('UnsupportedSignatureMethod', {
      reason: `HmacSHA1/HmacSHA256 need GET or ${FORM_TYPE}; a ${type} body needs ${TC3}.`,
    })
  }
  const hosts = documentedHosts('tencent-v3', call.action)
  return verifyV1Signature(request, parsedParams.get(call) ?? {}, ctx, '/', hosts)
}

type Tc3Authorization = {
  keyId: string
  date: string
  service: string
  signedHeaders: string[]
  signature: string
}

/** Reads `TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/tc3_request, SignedHeaders=…, Signature=…`. */
function readTc3Authorization(header: string): Tc3Authorization | undefined {
  if (!header.startsWith(TC3)) return undefined
  const fields: Record<string, string> = {}
  for (const part of header.slice(TC3.length).split(',')) {
    const eq = part.indexOf('=')
    if (eq !== -1) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim()
  }
  const { Credential, SignedHeaders, Signature } = fields
  if (!Credential || !SignedHeaders || !Signature) return undefined
  const [keyId, date, service, terminator, ...rest] = Credential.split('/')
  if (!keyId || !date || !service || terminator !== 'tc3_request' || rest.length > 0)
    return undefined
  const signedHeaders = SignedHeaders.split(';').map((name) => name.trim().toLowerCase())
  return { keyId, date, service, signedHeaders, signature: Signature.toLowerCase() }
}

function authenticateTc3(call: Call, request: WireRequest, ctx: AuthContext): Principal | Fault {
  const header = request.headers['authorization']
  if (!header) return fault('MissingCredential', { reason: `Sign the request with ${TC3}.` })
  const auth = readTc3Authorization(header)
  if (!auth) {
    return fault('IncompleteSignature', {
      reason:
        'Expected Credential=<SecretId>/<date>/<service>/tc3_request, SignedHeaders=…, Signature=….',
    })
  }
  const missing = REQUIRED_SIGNED_HEADERS.filter((name) => !auth.signedHeaders.includes(name))
  if (missing.length > 0)
    return fault('IncompleteSignature', {
      reason: `SignedHeaders must include ${missing.join(', ')}.`,
    })
  const timestamp = request.headers['x-tc-timestamp']
  if (!timestamp) return fault('MissingTimestamp')
  const seconds = parseUnixSeconds(timestamp)
  if (seconds === undefined) {
    return fault('InvalidTimestamp', {
      value: timestamp,
      reason: `"${timestamp}" is not a UNIX time in seconds`,
    })
  }
  const date = utcDate(seconds)
  if (auth.date !== date) {
    return fault('IncompleteSignature', {
      reason: `The credential date ${auth.date} is not the UTC date of X-TC-Timestamp ${timestamp} (${date}).`,
    })
  }
  const key = ctx.keys('tencent', auth.keyId)
  if (!key?.secret) return fault('UnknownCredential', { value: auth.keyId })
  const candidates = tc3Candidates(
    request,
    auth,
    timestamp,
    documentedHosts('tencent-v3', call.action),
  )
  const signingKey = tc3SigningKey(key.secret, auth.date, auth.service)
  const matched = candidates.some((text) =>
    safeEqual(hmac('sha256', signingKey, text).toString('hex'), auth.signature),
  )
  if (!matched) return fault('SignatureMismatch', { stringToSign: candidates[0]! })
  const late = checkUnixClock(seconds, timestamp, ctx)
  if (late) return late
  return { keyId: auth.keyId, account: key.account }
}

/** Every string to sign a conforming client may have used: host spellings × header-value case × payload. */
function tc3Candidates(
  request: WireRequest,
  auth: Tc3Authorization,
  timestamp: string,
  extraHosts: readonly string[],
): string[] {
  const sent = request.headers['host'] ?? ''
  const hosts = [...new Set([sent, sent.replace(/:\d+$/, ''), ...extraHosts])]
  const payloads = [sha256Hex(request.method === 'GET' ? '' : request.body)]
  if (request.headers['x-tc-content-sha256'] === 'UNSIGNED-PAYLOAD')
    payloads.push(sha256Hex('UNSIGNED-PAYLOAD'))
  const out = new Set<string>()
  for (const host of hosts) {
    for (const lower of [false, true]) {
      const headers: Record<string, string> = { ...request.headers, host }
      if (lower)
        for (const name of auth.signedHeaders) headers[name] = (headers[name] ?? '').toLowerCase()
      for (const payloadHash of payloads) {
        const canonical = tc3CanonicalRequest({
          ...request,
          headers,
          signedHeaders: auth.signedHeaders,
          payloadHash,
        })
        out.add(tc3StringToSign(timestamp, auth.date, auth.service, canonical))
      }
    }
  }
  return [...out]
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
  const canonicalHeaders = parts.signedHeaders
    .map((name) => `${name}:${(parts.headers[name] ?? '').trim()}\n`)
    .join('')
  return [
    parts.method,
    parts.path || '/',
    parts.query,
    canonicalHeaders,
    parts.signedHeaders.join(';'),
    parts.payloadHash,
  ].join('\n')
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

function utcDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10)
}

function render(
  outcome: Parameters<WireProtocol['render']>[0],
  ctx: Parameters<WireProtocol['render']>[1],
): WireResponse {
  if (outcome.ok) {
    const result = shapeResult(ctx.operation, outcome.result, 'json', ctx.profile)
    const body = { Response: { ...result, RequestId: ctx.requestId } }
    return { status: 200, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) }
  }
  const spec = vendorErrorFor('tencent-v3', outcome.fault.kind, ctx.operation)
  const error = { Code: spec.code, Message: renderMessage(spec.message, outcome.fault).trim() }
  const body = { Response: { Error: error, RequestId: ctx.requestId } }
  return { status: 200, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) }
}

const VARIANTS = ['TC3', 'TC3-GET', 'HmacSHA256', 'HmacSHA1'] as const

function encodeParams(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&')
}

function sign(...[call, credentials, env]: Parameters<WireProtocol['sign']>): WireRequest {
  const variant = call.variant ?? 'TC3'
  const url = new URL(call.endpoint)
  const region = call.region ?? 'ap-guangzhou'
  const timestamp = String(Math.floor(env.now() / 1000))
  const { operation } = call
  if (variant === 'HmacSHA256' || variant === 'HmacSHA1') {
    // HmacSHA256 as a form POST, HmacSHA1 as a GET: the two shapes tencentcloud-sdk-nodejs sends.
    const method = variant === 'HmacSHA256' ? 'POST' : 'GET'
    const params: Record<string, string> = {
      ...flattenParams(call.params),
      Action: operation.action,
      ...(operation.version === undefined ? {} : { Version: operation.version }),
      Region: region,
      Timestamp: timestamp,
      Nonce: integerNonce(env.nonce()),
      SecretId: credentials.keyId,
      SignatureMethod: variant,
    }
    params['Signature'] = v1Signature(
      credentials.secret ?? '',
      v1StringToSign(method, url.host, '/', params),
      variant,
    )
    if (method === 'GET')
      return {
        method,
        path: '/',
        query: encodeParams(params),
        headers: { host: url.host },
        body: Buffer.alloc(0),
      }
    const headers = { host: url.host, 'content-type': FORM_TYPE }
    return { method, path: '/', query: '', headers, body: Buffer.from(encodeParams(params)) }
  }
  if (variant !== 'TC3' && variant !== 'TC3-GET') {
    throw new Error(`Failed to sign "${operation.action}": unknown tencent-v3 variant "${variant}"`)
  }
  const method = variant === 'TC3' ? 'POST' : 'GET'
  const body = method === 'POST' ? Buffer.from(JSON.stringify(call.params)) : Buffer.alloc(0)
  const query = method === 'GET' ? encodeParams(flattenParams(call.params)) : ''
  const headers: Record<string, string> = {
    host: url.host,
    'content-type': method === 'POST' ? 'application/json; charset=utf-8' : FORM_TYPE,
    'x-tc-action': operation.action,
    'x-tc-timestamp': timestamp,
    'x-tc-region': region,
  }
  if (operation.version !== undefined) headers['x-tc-version'] = operation.version
  const date = utcDate(Number(timestamp))
  const service = operation.product
  const signedHeaders = ['content-type', 'host']
  const canonical = tc3CanonicalRequest({
    method,
    path: '/',
    query,
    headers: { ...headers, host: url.hostname },
    signedHeaders,
    payloadHash: sha256Hex(body),
  })
  const signature = tc3Signature(
    credentials.secret ?? '',
    date,
    service,
    tc3StringToSign(timestamp, date, service, canonical),
  )
  headers['authorization'] =
    `${TC3} Credential=${credentials.keyId}/${date}/${service}/tc3_request, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`
  return { method, path: '/', query, headers, body }
}

function readResponse(
  response: WireResponse,
  operation: Parameters<WireProtocol['readResponse']>[1],
): ParsedResponse {
  const unreadable: ParsedResponse = {
    ok: false,
    requestId: undefined,
    status: response.status,
    code: 'UnreadableResponse',
    message: response.body.slice(0, 200),
  }
  let body: unknown
  try {
    body = JSON.parse(response.body)
  } catch {
    return unreadable
  }
  const inner = (body as { Response?: unknown } | null)?.Response
  if (inner === null || typeof inner !== 'object') return unreadable
  const envelope = inner as Record<string, unknown>
  const requestId = envelope['RequestId'] === undefined ? undefined : String(envelope['RequestId'])
  const error = envelope['Error'] as { Code?: unknown; Message?: unknown } | undefined
  if (error !== undefined && error !== null) {
    return {
      ok: false,
      requestId,
      status: response.status,
      code: String(error.Code),
      message: String(error.Message ?? ''),
    }
  }
  return { ok: true, requestId, result: unshapeResult(operation, envelope) }
}

function claims(request: WireRequest): boolean {
  if (request.path !== '/' && request.path !== '') return false
  if (request.headers['x-tc-action'] !== undefined) return true
  if ((request.headers['authorization'] ?? '').startsWith(TC3)) return true
  return hasV1Params(request)
}

/** The Tencent Cloud API 3.0 scheme: TC3-HMAC-SHA256, plus the v1 HmacSHA1/HmacSHA256 form variant. */
export const tencentV3: WireProtocol = {
  id: 'tencent-v3',
  variants: VARIANTS,
  nonceVariants: ['HmacSHA256', 'HmacSHA1'],
  credentialKind: 'tencent',
  windowSeconds: 300,
  claims,
  parse,
  authenticate,
  render,
  sign,
  readResponse,
}

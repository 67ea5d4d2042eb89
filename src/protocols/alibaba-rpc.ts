/**
 * Alibaba Cloud POP "RPC" (VOD 2017-03-21, IMS/ice 2020-11-09). Spec: protocols.md §1.
 * - GET with everything in the query; POST with a form body; POST with everything in the query.
 *   Query and body are merged before signing and validating.
 * - Signature v1 (`HMAC-SHA1`, key `secret&`, `SignatureNonce`, `Timestamp`) and V3
 *   (`ACS3-HMAC-SHA256` in `Authorization`, action in `x-acs-action`, key without `&`).
 * - `Format` is `JSON`/`json`/`XML`; absent means XML for v1 (the VOD docs) and JSON for ACS3.
 * - Errors are non-2xx *and* carry `Code`: pop-core ignores the status, the Tea clients key on it.
 */
import { XMLParser } from 'fast-xml-parser'
import { type Fault, fault, isFault, renderMessage, vendorErrorFor } from '../catalog/index.ts'
import { checkClock, isoSeconds, parseIsoTimestamp } from './check-clock.ts'
import { hmac, safeEqual, sha256Hex } from './crypto.ts'
import { mediaType, parseQueryAndForm } from './parse-params.ts'
import { percentEncode } from './percent-encode.ts'
import type {
  Call,
  ParsedResponse,
  Principal,
  WireProtocol,
  WireRequest,
  WireResponse,
} from './protocol.ts'
import { renderXmlDocument, shapeResult, unshapeResult } from './render-result.ts'

const ACS3 = 'ACS3-HMAC-SHA256'
const SIGNING_PARAMS = new Set([
  'Action',
  'Version',
  'Format',
  'AccessKeyId',
  'Signature',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'SignatureType',
  'Timestamp',
  'SecurityToken',
  'RegionId',
])
const JSON_TYPE = 'application/json;charset=utf-8'
const XML_TYPE = 'text/xml;charset=utf-8'

// Per-request state shared by parse and authenticate; a WeakMap keeps `Call` free of scheme details.
const parsedParams = new WeakMap<Call, Record<string, string>>()

function isAcs3(request: WireRequest): boolean {
  return (request.headers['authorization'] ?? '').startsWith(ACS3)
}

function parse(request: WireRequest): Call | Fault {
  if (request.method !== 'GET' && request.method !== 'POST') {
    return fault('MethodNotAllowed', {
      reason: `${request.method} is not supported, use GET or POST`,
    })
  }
  const params = parseQueryAndForm(request.query, request.body, request.headers['content-type'])
  if (isFault(params)) return params
  const acs3 = isAcs3(request)
  const action = acs3 ? request.headers['x-acs-action'] : params['Action']
  const version = acs3 ? request.headers['x-acs-version'] : params['Version']
  const rawFormat = params['Format']
  const format = rawFormat === undefined ? (acs3 ? 'json' : 'xml') : rawFormat.toLowerCase()
  if (format !== 'json' && format !== 'xml') {
    return fault('InvalidParameter', {
      param: 'Format',
      reason: `Format must be JSON or XML, got "${rawFormat}"`,
    })
  }
  const business: Record<string, string> = {}
  for (const [name, value] of Object.entries(params))
    if (!SIGNING_PARAMS.has(name)) business[name] = value
  const keyId = acs3
    ? readAcs3Authorization(request.headers['authorization']!)?.credential
    : params['AccessKeyId']
  const call: Call = {
    protocol: 'alibaba-rpc',
    action,
    version,
    params: business,
    keyId,
    format,
    scope: params['RegionId'] ? { region: params['RegionId'] } : {},
  }
  parsedParams.set(call, params)
  return call
}

function authenticate(
  call: Call,
  request: WireRequest,
  ctx: Parameters<WireProtocol['authenticate']>[2],
): Principal | Fault {
  const params = parsedParams.get(call) ?? {}
  return isAcs3(request)
    ? authenticateAcs3(call, request, ctx)
    : authenticateV1(call, request, params, ctx)
}

function authenticateV1(
  call: Call,
  request: WireRequest,
  params: Record<string, string>,
  ctx: Parameters<WireProtocol['authenticate']>[2],
): Principal | Fault {
  const keyId = params['AccessKeyId']
  if (!keyId) return fault('MissingCredential')
  const signature = params['Signature']
  if (!signature)
    return fault('IncompleteSignature', { reason: 'The Signature parameter is missing.' })
  const method = params['SignatureMethod'] ?? ''
  if (method.toUpperCase() !== 'HMAC-SHA1') {
    return fault('UnsupportedSignatureMethod', {
      param: 'SignatureMethod',
      reason: `expected HMAC-SHA1, got "${method}"`,
    })
  }
  const timestamp = params['Timestamp']
  if (!timestamp) return fault('MissingTimestamp')
  const ms = parseIsoTimestamp(timestamp)
  if (ms === undefined) return fault('InvalidTimestamp', { value: timestamp })
  const nonce = params['SignatureNonce']
  if (!nonce)
    return fault('IncompleteSignature', { reason: 'The SignatureNonce parameter is missing.' })
  const key = ctx.keys('alibaba', keyId)
  if (!key?.secret) return fault('UnknownCredential', { value: keyId })
  const stringToSign = v1StringToSign(request.method, params)
  const expected = hmac('sha1', `${key.secret}&`, stringToSign).toString('base64')
  if (!safeEqual(expected, signature)) return fault('SignatureMismatch', { stringToSign })
  const late = checkClock(ms, ctx.now(), ctx.windowSeconds, timestamp)
  if (late) return late
  if (!ctx.nonces.claim(`alibaba:${keyId}:${nonce}`, ms + ctx.windowSeconds * 1000, ctx.now()))
    return fault('NonceUsed')
  void call
  return { keyId, account: key.account }
}

/** The v1 string to sign: `METHOD&%2F&` + the encoded canonical query of every parameter but Signature. */
export function v1StringToSign(method: string, params: Record<string, string>): string {
  const canonical = Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name]!)}`)
    .join('&')
  return `${method}&${percentEncode('/')}&${percentEncode(canonical)}`
}

type Acs3Authorization = { credential: string; signedHeaders: string[]; signature: string }

function readAcs3Authorization(header: string): Acs3Authorization | undefined {
  const fields = Object.fromEntries(
    header
      .slice(ACS3.length)
      .trim()
      .split(',')
      .map((part) => {
        const eq = part.indexOf('=')
        return [part.slice(0, eq).trim(), part.slice(eq + 1).trim()]
      }),
  )
  const { Credential, SignedHeaders, Signature } = fields as Record<string, string | undefined>
  if (!Credential || !SignedHeaders || !Signature) return undefined
  return { credential: Credential, signedHeaders: SignedHeaders.split(';'), signature: Signature }
}

const ACS3_REQUIRED_HEADERS = [
  'host',
  'x-acs-action',
  'x-acs-version',
  'x-acs-date',
  'x-acs-signature-nonce',
]

function authenticateAcs3(
  _call: Call,
  request: WireRequest,
  ctx: Parameters<WireProtocol['authenticate']>[2],
): Principal | Fault {
  const auth = readAcs3Authorization(request.headers['authorization']!)
  if (!auth)
    return fault('IncompleteSignature', {
      reason: 'Authorization needs Credential, SignedHeaders and Signature.',
    })
  const missing = ACS3_REQUIRED_HEADERS.filter((name) => !auth.signedHeaders.includes(name))
  if (missing.length > 0)
    return fault('IncompleteSignature', {
      reason: `SignedHeaders must include ${missing.join(', ')}.`,
    })
  const date = request.headers['x-acs-date']
  if (!date) return fault('MissingTimestamp')
  const ms = parseIsoTimestamp(date)
  if (ms === undefined) return fault('InvalidTimestamp', { value: date })
  const nonce = request.headers['x-acs-signature-nonce']
  if (!nonce) return fault('IncompleteSignature', { reason: 'x-acs-signature-nonce is missing.' })
  const key = ctx.keys('alibaba', auth.credential)
  if (!key?.secret) return fault('UnknownCredential', { value: auth.credential })
  let stringToSign = ''
  const matched = acs3HostVariants(request.headers['host'] ?? '').some((host) => {
    stringToSign = acs3StringToSign(request, auth.signedHeaders, host)
    return safeEqual(hmac('sha256', key.secret!, stringToSign).toString('hex'), auth.signature)
  })
  if (!matched) return fault('SignatureMismatch', { stringToSign })
  const late = checkClock(ms, ctx.now(), ctx.windowSeconds, date)
  if (late) return late
  if (
    !ctx.nonces.claim(
      `alibaba:${auth.credential}:${nonce}`,
      ms + ctx.windowSeconds * 1000,
      ctx.now(),
    )
  ) {
    return fault('NonceUsed')
  }
  return { keyId: auth.credential, account: key.account }
}

function acs3HostVariants(host: string): string[] {
  const bare = host.replace(/:\d+$/, '')
  return bare === host ? [host] : [host, bare]
}

/** The ACS3 string to sign, rebuilt from the headers the client says it signed. */
export function acs3StringToSign(
  request: Pick<WireRequest, 'method' | 'path' | 'query' | 'headers' | 'body'>,
  signedHeaders: readonly string[],
  host = request.headers['host'] ?? '',
): string {
  const query = request.query
    .split('&')
    .filter((pair) => pair.length > 0)
    .map((pair) => {
      const eq = pair.indexOf('=')
      const name = safeDecode(eq === -1 ? pair : pair.slice(0, eq))
      const value = eq === -1 ? '' : safeDecode(pair.slice(eq + 1))
      return [percentEncode(name), percentEncode(value)] as const
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&')
  const headers = [...signedHeaders].sort()
  const canonicalHeaders = headers
    .map((name) => `${name}:${(name === 'host' ? host : (request.headers[name] ?? '')).trim()}\n`)
    .join('')
  const canonicalRequest = [
    request.method,
    request.path.split('/').map(percentEncode).join('/') || '/',
    query,
    canonicalHeaders,
    headers.join(';'),
    sha256Hex(request.body),
  ].join('\n')
  return `${ACS3}\n${sha256Hex(canonicalRequest)}`
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '))
  } catch {
    return text
  }
}

function render(
  outcome: Parameters<WireProtocol['render']>[0],
  ctx: Parameters<WireProtocol['render']>[1],
): WireResponse {
  const action = ctx.operation?.action
  if (outcome.ok) {
    const body = {
      RequestId: ctx.requestId,
      ...shapeResult(ctx.operation, outcome.result, ctx.format, ctx.profile),
    }
    return ctx.format === 'xml'
      ? {
          status: 200,
          headers: { 'content-type': XML_TYPE },
          body: renderXmlDocument(`${action}Response`, body),
        }
      : { status: 200, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) }
  }
  const spec = vendorErrorFor('alibaba-rpc', outcome.fault.kind, ctx.operation)
  const product = ctx.operation?.product ?? 'pop'
  const body = {
    RequestId: ctx.requestId,
    HostId: ctx.host,
    Code: spec.code,
    Message: renderMessage(spec.message, outcome.fault).trim(),
    Recommend: `https://api.aliyun.com/troubleshoot?q=${spec.code}&product=${product}&requestId=${ctx.requestId}`,
  }
  return ctx.format === 'xml'
    ? {
        status: spec.status,
        headers: { 'content-type': XML_TYPE },
        body: renderXmlDocument('Error', body),
      }
    : { status: spec.status, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) }
}

function sign(...[call, credentials, env]: Parameters<WireProtocol['sign']>): WireRequest {
  const { operation } = call
  const variant = call.variant ?? 'GET'
  const url = new URL(call.endpoint)
  const business: Record<string, string> = {}
  for (const [name, value] of Object.entries(call.params))
    if (value !== undefined) business[name] = String(value)
  const format = (call.format ?? 'json').toUpperCase()
  if (variant === 'ACS3') {
    const query = Object.entries({ ...business, Format: format })
      .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
      .join('&')
    const headers: Record<string, string> = {
      host: url.host,
      'x-acs-action': operation.action,
      'x-acs-version': operation.version ?? '',
      'x-acs-date': isoSeconds(env.now()),
      'x-acs-signature-nonce': env.nonce(),
      'x-acs-content-sha256': sha256Hex(''),
    }
    const request: WireRequest = {
      method: 'POST',
      path: '/',
      query,
      headers,
      body: Buffer.alloc(0),
    }
    const signed = Object.keys(headers).sort()
    const signature = hmac(
      'sha256',
      credentials.secret ?? '',
      acs3StringToSign(request, signed),
    ).toString('hex')
    return {
      ...request,
      headers: {
        ...headers,
        authorization: `${ACS3} Credential=${credentials.keyId},SignedHeaders=${signed.join(';')},Signature=${signature}`,
      },
    }
  }
  const method = variant === 'GET' ? 'GET' : 'POST'
  const params: Record<string, string> = {
    ...business,
    Action: operation.action,
    Version: operation.version ?? '',
    Format: format,
    AccessKeyId: credentials.keyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: env.nonce(),
    Timestamp: isoSeconds(env.now()),
  }
  params['Signature'] = hmac(
    'sha1',
    `${credentials.secret ?? ''}&`,
    v1StringToSign(method, params),
  ).toString('base64')
  const encoded = Object.entries(params)
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&')
  const headers: Record<string, string> = { host: url.host }
  if (variant === 'POST') {
    headers['content-type'] = 'application/x-www-form-urlencoded'
    return { method, path: '/', query: '', headers, body: Buffer.from(encoded) }
  }
  return { method, path: '/', query: encoded, headers, body: Buffer.alloc(0) }
}

const xml = new XMLParser({ parseTagValue: false, ignoreDeclaration: true })

function readResponse(
  response: WireResponse,
  operation: Parameters<WireProtocol['readResponse']>[1],
): ParsedResponse {
  const isXml =
    mediaType(response.headers['content-type']).includes('xml') ||
    response.body.trimStart().startsWith('<')
  let body: Record<string, unknown>
  try {
    if (isXml) {
      const document = xml.parse(response.body) as Record<string, Record<string, unknown>>
      body = Object.values(document)[0] ?? {}
    } else body = JSON.parse(response.body) as Record<string, unknown>
  } catch {
    return {
      ok: false,
      requestId: undefined,
      status: response.status,
      code: 'UnreadableResponse',
      message: response.body.slice(0, 200),
    }
  }
  const requestId = body['RequestId'] === undefined ? undefined : String(body['RequestId'])
  if (response.status >= 400 || body['Code'] !== undefined) {
    return {
      ok: false,
      requestId,
      status: response.status,
      code: String(body['Code']),
      message: String(body['Message'] ?? ''),
    }
  }
  return { ok: true, requestId, result: unshapeResult(operation, body) }
}

// POP serves everything at `/`: routing tries it last, after the schemes that share the path
// (Tencent API 3.0) had their say, so a request with no recognisable action still gets a POP error.
function claims(request: WireRequest): boolean {
  return request.path === '/' || request.path === ''
}

/** The Alibaba Cloud POP RPC scheme. */
export const alibabaRpc: WireProtocol = {
  id: 'alibaba-rpc',
  variants: ['GET', 'POST', 'POST-query', 'ACS3'],
  nonceVariants: ['GET', 'POST', 'POST-query', 'ACS3'],
  credentialKind: 'alibaba',
  windowSeconds: 15 * 60,
  claims,
  parse,
  authenticate,
  render,
  sign,
  readResponse,
}

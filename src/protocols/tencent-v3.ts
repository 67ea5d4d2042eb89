/**
 * Tencent Cloud API 3.0 (CVM `ModifyImageAttribute`, 2017-03-12). Spec: protocols.md §6.
 * - TC3-HMAC-SHA256: POST with a JSON body or GET with the parameters in the query; action, version,
 *   timestamp and region travel in `X-TC-*` headers, the signature in `Authorization`. Signing and its
 *   quirks (host without port, service `127`, lower-cased header values): tc3-signature.ts.
 * - The v1 HmacSHA1/HmacSHA256 form scheme is accepted at `/` too (GET or url-encoded POST only, never
 *   JSON), signed like API 2.0 over `METHOD + host + '/?' + …` and with a replay-checked `Nonce`.
 * - No nonce in TC3: identical requests within one second are legitimate.
 * - Always HTTP 200 and JSON: `{"Response":{…,"RequestId"}}`, errors in `Response.Error{Code,Message}`.
 */
import {
  type Fault,
  fault,
  isFault,
  renderMessage,
  tencentV3Errors,
  vendorErrorFor,
} from '../catalog/index.ts'
import { checkMethod } from './check-method.ts'
import { sha256Hex } from './crypto.ts'
import { documentedHosts } from './host-variants.ts'
import { parseAuthorization } from './parse-authorization.ts'
import {
  decodeUtf8,
  FORM_TYPE,
  mediaType,
  omitParams,
  parseParams,
  parseQueryAndForm,
} from './parse-params.ts'
import { encodeParams } from './percent-encode.ts'
import type {
  AuthContext,
  Call,
  ParsedResponse,
  Principal,
  TextResponse,
  WireProtocol,
  WireRequest,
  WireResponse,
} from './protocol.ts'
import { shapeResult, unshapeResult } from './render-result.ts'
import { signsWithSha256 } from './signs-with-sha256.ts'
import {
  readTc3KeyId,
  TC3,
  tc3CanonicalRequest,
  tc3Signature,
  tc3StringToSign,
  utcDate,
  verifyTc3Signature,
} from './tc3-signature.ts'
import { TENCENT_KEY_SHAPE, tencentCredential } from './tencent-credential.ts'
import {
  flattenParams,
  integerNonce,
  v1Signature,
  v1StringToSign,
  verifyV1Signature,
} from './tencent-hmac-signature.ts'
import { readJsonObject, unreadableResponse } from './unreadable-response.ts'

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
  const wrongMethod = checkMethod(request.method, ['GET', 'POST'])
  if (wrongMethod) return wrongMethod
  return usesTc3(request) ? parseTc3(request) : parseForm(request)
}

function parseTc3(request: WireRequest): Call | Fault {
  const params = request.method === 'GET' ? parseParams(request.query) : parseJsonBody(request.body)
  if (isFault(params)) return params
  const region = request.headers['x-tc-region']
  if (!region) return fault('MissingParameter', { param: 'Region' })
  // Split once here; authenticate verifies from these fields.
  const fields = parseAuthorization(request.headers['authorization'] ?? '', TC3)
  return {
    protocol: 'tencent-v3',
    action: request.headers['x-tc-action'],
    version: request.headers['x-tc-version'],
    params,
    keyId: fields && readTc3KeyId(fields),
    format: 'json',
    scope: { region },
    signed: fields ?? {},
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
  return {
    protocol: 'tencent-v3',
    action: params['Action'],
    version: params['Version'],
    params: omitParams(params, COMMON_PARAMS),
    keyId: params['SecretId'],
    format: 'json',
    scope: { region },
    signed: params,
  }
}

function authenticate(call: Call, request: WireRequest, ctx: AuthContext): Principal | Fault {
  const hosts = documentedHosts('tencent-v3', call.action)
  if (usesTc3(request)) return verifyTc3Signature(request, ctx, hosts, call.signed)
  const type = mediaType(request.headers['content-type'])
  if (request.method === 'POST' && type !== FORM_TYPE && type !== '') {
    return fault('UnsupportedSignatureMethod', {
      reason: `HmacSHA1/HmacSHA256 need GET or ${FORM_TYPE}; a ${type} body needs ${TC3}.`,
    })
  }
  return verifyV1Signature(request, call.signed, ctx, '/', hosts)
}

function render(
  outcome: Parameters<WireProtocol['render']>[0],
  ctx: Parameters<WireProtocol['render']>[1],
): TextResponse {
  if (outcome.ok) {
    const result = shapeResult(ctx.operation, outcome.result, 'json', ctx.profile)
    // Object.assign, not `{ ...result, RequestId }`: V8 (Node 20) takes a slow path for the spread.
    const body = { Response: Object.assign({}, result, { RequestId: ctx.requestId }) }
    return { status: 200, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) }
  }
  const spec = vendorErrorFor(tencentV3Errors, outcome.fault.kind, ctx.operation)
  const error = { Code: spec.code, Message: renderMessage(spec.message, outcome.fault).trim() }
  const body = { Response: { Error: error, RequestId: ctx.requestId } }
  return { status: 200, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) }
}

const VARIANTS = ['TC3', 'TC3-GET', 'HmacSHA256', 'HmacSHA1'] as const

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
  const inner = readJsonObject(response.body)?.['Response']
  if (inner === null || typeof inner !== 'object') return unreadableResponse(response)
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
  volatile: {
    params: { SecretId: '^.+$', Signature: '^.+$', Nonce: '^\\d+$', Timestamp: '^\\d+$' },
    headers: {
      authorization: '^TC3-HMAC-SHA256 Credential=.+, ?SignedHeaders=.+, ?Signature=[0-9a-f]+$',
      'x-tc-timestamp': '^\\d+$',
    },
  },
  variants: VARIANTS,
  variantOf: (request) => {
    if (request.headers['authorization']?.startsWith('TC3-')) {
      return request.method === 'GET' ? 'TC3-GET' : 'TC3'
    }
    return signsWithSha256(request) ? 'HmacSHA256' : 'HmacSHA1'
  },
  nonceVariants: ['HmacSHA256', 'HmacSHA1'],
  credentialKind: 'tencent',
  credentials: [tencentCredential],
  windowSeconds: 300,
  errors: tencentV3Errors,
  routes: '"/" with X-TC-Action or a TC3 Authorization (Tencent API 3.0)',
  secrets: {
    params: ['SecretId', 'Signature', 'Token'],
    requestHeaders: ['x-tc-token'],
    responseHeaders: [],
    keyShapes: [TENCENT_KEY_SHAPE],
  },
  contract: {
    variants: ['TC3'],
    body: ['RequestId', 'Message'],
    responseHeaders: [],
    errorKey: { parent: ['Response'], key: 'Error' },
  },
  sdkHints: ({ hostPort, scheme }) => [
    `tencentcloud-sdk-nodejs    profile: { httpProfile: { endpoint: '${hostPort}', protocol: '${scheme}://' } }`,
  ],
  claims,
  parse,
  authenticate,
  render,
  sign,
  readResponse,
}

/**
 * Tencent Cloud legacy API 2.0 (`/v2/index.php`, `ModifyImageAttributes`). Spec: protocols.md §5.
 * - GET with the parameters in the query, or POST with a form body; the query and body are merged.
 * - Signature "v1": `METHOD + host + path + '?' + sorted name=value` with RAW values and `_` → `.` in
 *   names, base64 HMAC-SHA1 (or HMAC-SHA256 when `SignatureMethod=HmacSHA256`) keyed by the bare secret.
 * - The signed host is the Host header as sent (qcloudapi-sdk keeps the port); signatures over the
 *   operation's documented hosts (image.api.qcloud.com, cvm.api.qcloud.com) are accepted too, so
 *   recorded vendor traffic replays. Signing and its quirks: tencent-hmac-signature.ts.
 * - Always HTTP 200 and JSON: `code` 0 is success, anything else an error with an integer `code`.
 *   The op's doc sample has no `codeDesc`; live legacy services add `"codeDesc":"Success"`.
 */
import {
  type Fault,
  isFault,
  renderMessage,
  tencentV2Errors,
  vendorErrorFor,
} from '../catalog/index.ts'
import { checkMethod } from './check-method.ts'
import { documentedHosts } from './host-variants.ts'
import { omitParams, parseQueryAndForm } from './parse-params.ts'
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
import { TENCENT_KEY_SHAPE, tencentCredential } from './tencent-credential.ts'
import {
  flattenParams,
  integerNonce,
  v1Signature,
  v1StringToSign,
  verifyV1Signature,
} from './tencent-hmac-signature.ts'
import { readJsonObject, unreadableResponse } from './unreadable-response.ts'

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

function parse(request: WireRequest): Call | Fault {
  const wrongMethod = checkMethod(request.method, ['GET', 'POST'])
  if (wrongMethod) return wrongMethod
  const params = parseQueryAndForm(request.query, request.body, request.headers['content-type'])
  if (isFault(params)) return params
  return {
    protocol: 'tencent-v2',
    action: params['Action'],
    version: undefined,
    params: omitParams(params, COMMON_PARAMS),
    keyId: params['SecretId'],
    format: 'json',
    scope: params['Region'] ? { region: params['Region'] } : {},
    signed: params,
  }
}

function authenticate(call: Call, request: WireRequest, ctx: AuthContext): Principal | Fault {
  const hosts = documentedHosts('tencent-v2', call.action)
  return verifyV1Signature(request, call.signed, ctx, PATH, hosts)
}

function render(
  outcome: Parameters<WireProtocol['render']>[0],
  ctx: Parameters<WireProtocol['render']>[1],
): TextResponse {
  if (outcome.ok) {
    const status =
      ctx.profile === 'live'
        ? { code: 0, message: '', codeDesc: 'Success' }
        : { code: 0, message: '' }
    // Object.assign, not spreads: V8 (Node 20) takes a slow path for `{ ...a, ...b }`.
    const body = Object.assign(
      status,
      shapeResult(ctx.operation, outcome.result, 'json', ctx.profile),
    )
    return { status: 200, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) }
  }
  const spec = vendorErrorFor(tencentV2Errors, outcome.fault.kind, ctx.operation)
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
    ...(credentials.securityToken === undefined ? {} : { Token: credentials.securityToken }),
  }
  if (variant.endsWith('HmacSHA256')) params['SignatureMethod'] = 'HmacSHA256'
  const stringToSign = v1StringToSign(method, host, PATH, params)
  params['Signature'] = v1Signature(
    credentials.secret ?? '',
    stringToSign,
    params['SignatureMethod'],
  )
  const encoded = encodeParams(params)
  if (method === 'GET')
    return { method, path: PATH, query: encoded, headers: { host }, body: Buffer.alloc(0) }
  const headers = { host, 'content-type': 'application/x-www-form-urlencoded' }
  return { method, path: PATH, query: '', headers, body: Buffer.from(encoded) }
}

function readResponse(
  response: WireResponse,
  operation: Parameters<WireProtocol['readResponse']>[1],
): ParsedResponse {
  const body = readJsonObject(response.body)
  if (body === undefined || body['code'] === undefined) return unreadableResponse(response)
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
  volatile: {
    params: {
      SecretId: '^.+$',
      Signature: '^.+$',
      Nonce: '^\\d+$',
      Timestamp: '^\\d+$',
      RequestClient: '^.*$',
    },
    headers: {},
  },
  variants: VARIANTS,
  variantOf: (request) =>
    `${request.method === 'GET' ? 'GET' : 'POST'}${signsWithSha256(request) ? '-HmacSHA256' : ''}`,
  nonceVariants: VARIANTS,
  credentialKind: 'tencent',
  credentials: [tencentCredential],
  windowSeconds: 300,
  errors: tencentV2Errors,
  routes: '"/v2/index.php" (Tencent API 2.0)',
  secrets: {
    params: ['SecretId', 'Signature', 'Token'],
    requestHeaders: [],
    responseHeaders: [],
    keyShapes: [TENCENT_KEY_SHAPE],
  },
  contract: {
    variants: ['GET', 'POST'],
    body: ['message'],
    responseHeaders: [],
    // No errorKey: success and error share {code, message, codeDesc}; `code` (0) is matched exactly.
  },
  sdkHints: ({ hostPort, scheme }) => [
    `qcloudapi-sdk              new QcloudApi({ host: '${hostPort}', protocol: '${scheme}', ... })`,
  ],
  claims,
  parse,
  authenticate,
  render,
  sign,
  readResponse,
}

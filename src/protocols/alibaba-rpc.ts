/**
 * Alibaba Cloud POP "RPC" (VOD 2017-03-21, IMS/ice 2020-11-09). Spec: protocols.md §1.
 * - GET with everything in the query; POST with a form body; POST with everything in the query.
 *   Query and body are merged before signing and validating.
 * - Signature v1 (`HMAC-SHA1`, key `secret&`, `SignatureNonce`, `Timestamp`) and V3
 *   (`ACS3-HMAC-SHA256` in `Authorization`, action in `x-acs-action`, key without `&`): both in
 *   alibaba-signature.ts.
 * - `Format` is `JSON`/`json`/`XML`; absent means XML for v1 (the VOD docs) and JSON for ACS3.
 * - Errors are non-2xx *and* carry `Code`: pop-core ignores the status, the Tea clients key on it.
 */
import { XMLParser } from 'fast-xml-parser'
import {
  alibabaRpcErrors,
  type Fault,
  fault,
  isFault,
  parseJsonLossless,
  renderMessage,
  stringifyJsonLossless,
  vendorErrorFor,
} from '../catalog/index.ts'
import {
  ACS3,
  acs3StringToSign,
  readAcs3Authorization,
  v1StringToSign,
  verifyAcs3Signature,
  verifyAlibabaV1Signature,
} from './alibaba-signature.ts'
import { bodyText, fieldValue } from './body-text.ts'
import { isoSeconds } from './check-clock.ts'
import { checkMethod } from './check-method.ts'
import { hmac, sha256Hex } from './crypto.ts'
import { decodeUtf8, mediaType, omitParams, parseQueryAndForm } from './parse-params.ts'
import { encodeParams } from './percent-encode.ts'
import type {
  AuthContext,
  Call,
  KeyEntry,
  ParsedResponse,
  Principal,
  TextResponse,
  WireProtocol,
  WireRequest,
  WireResponse,
} from './protocol.ts'
import { shapeResult, unshapeResult } from './render-result.ts'
import { renderXml } from './render-xml.ts'
import { unreadableResponse } from './unreadable-response.ts'

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

function isAcs3(request: WireRequest): boolean {
  return (request.headers['authorization'] ?? '').startsWith(ACS3)
}

function mergeJsonBody(
  params: Record<string, string>,
  request: WireRequest,
): Record<string, string> | Fault {
  if (
    request.body.length === 0 ||
    mediaType(request.headers['content-type']) !== 'application/json'
  )
    return params
  const text = decodeUtf8(request.body)
  const body = text === undefined ? undefined : readJsonObjectLossless(text)
  if (!body)
    return fault('MalformedBody', {
      param: 'body',
      reason: 'the JSON body must be a UTF-8 JSON object',
    })
  const merged = { ...params }
  for (const [name, value] of Object.entries(body)) {
    if (Object.hasOwn(merged, name))
      return fault('InvalidParameter', { param: name, reason: `${name} is given more than once` })
    // A number keeps its digits past 2^53 (a Long `CateId`), like UpdateContent's JSON does.
    merged[name] = typeof value === 'string' ? value : stringifyJsonLossless(value)
  }
  return merged
}

function readJsonObjectLossless(text: string): Record<string, unknown> | undefined {
  let value: unknown
  try {
    value = parseJsonLossless(text)
  } catch {
    return undefined
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

function parse(request: WireRequest): Call | Fault {
  const wrongMethod = checkMethod(request.method, ['GET', 'POST'])
  if (wrongMethod) return wrongMethod
  const form = parseQueryAndForm(request.query, request.body, request.headers['content-type'])
  if (isFault(form)) return form
  const acs3 = isAcs3(request)
  // ACS3 covers the body by its hash, so Tea clients may send RPC parameters as a JSON object
  // (`reqBodyType: 'json'`); v1 signs parameters one by one, so a JSON body there is not read.
  const params = acs3 ? mergeJsonBody(form, request) : form
  if (isFault(params)) return params
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
  const keyId = acs3
    ? readAcs3Authorization(request.headers['authorization']!)?.credential
    : params['AccessKeyId']
  return {
    protocol: 'alibaba-rpc',
    action,
    version,
    params: omitParams(params, SIGNING_PARAMS),
    keyId,
    format,
    scope: params['RegionId'] ? { region: params['RegionId'] } : {},
    signed: params,
  }
}

function authenticate(call: Call, request: WireRequest, ctx: AuthContext): Principal | Fault {
  const acs3 = isAcs3(request)
  const principal = acs3
    ? verifyAcs3Signature(request, ctx)
    : verifyAlibabaV1Signature(request.method, call.signed, ctx)
  if (isFault(principal)) return principal
  const token = acs3 ? request.headers['x-acs-security-token'] : call.signed['SecurityToken']
  return checkSecurityToken(ctx.keys('alibaba', principal.keyId), token, ctx.now()) ?? principal
}

/**
 * A temporary (STS) AccessKey's calls carry its SecurityToken (`SecurityToken`, or ACS3's
 * `x-acs-security-token`) and stop at its expiry. A token sent with a permanent key is ignored: no
 * source says the vendor refuses it.
 */
function checkSecurityToken(
  key: KeyEntry | undefined,
  token: string | undefined,
  nowMs: number,
): Fault | undefined {
  if (key?.securityToken === undefined) return undefined
  if (!token) return fault('MissingToken', { param: 'SecurityToken' })
  if (token !== key.securityToken) return fault('InvalidToken', { param: 'SecurityToken' })
  if (key.expiresAtMs !== undefined && nowMs >= key.expiresAtMs)
    return fault('TokenExpired', {
      param: 'SecurityToken',
      now: new Date(nowMs).toISOString(),
    })
  return undefined
}

function render(
  outcome: Parameters<WireProtocol['render']>[0],
  ctx: Parameters<WireProtocol['render']>[1],
): TextResponse {
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
          body: renderXml({ [`${action}Response`]: body }),
        }
      : { status: 200, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) }
  }
  const spec = vendorErrorFor(alibabaRpcErrors, outcome.fault.kind, ctx.operation)
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
        body: renderXml({ Error: body }),
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
    const query = encodeParams({ ...business, Format: format })
    const headers: Record<string, string> = {
      host: url.host,
      'x-acs-action': operation.action,
      'x-acs-version': operation.version ?? '',
      'x-acs-date': isoSeconds(env.now()),
      'x-acs-signature-nonce': env.nonce(),
      'x-acs-content-sha256': sha256Hex(''),
      ...(credentials.securityToken === undefined
        ? {}
        : { 'x-acs-security-token': credentials.securityToken }),
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
    ...(credentials.securityToken === undefined
      ? {}
      : { SecurityToken: credentials.securityToken }),
  }
  params['Signature'] = hmac(
    'sha1',
    `${credentials.secret ?? ''}&`,
    v1StringToSign(method, params),
  ).toString('base64')
  const encoded = encodeParams(params)
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
  const text = bodyText(response.body)
  const isXml =
    mediaType(fieldValue(response, 'content-type')).includes('xml') ||
    text.trimStart().startsWith('<')
  let body: Record<string, unknown>
  try {
    if (isXml) {
      const document = xml.parse(text) as Record<string, Record<string, unknown>>
      body = Object.values(document)[0] ?? {}
    } else body = JSON.parse(text) as Record<string, unknown>
  } catch {
    return unreadableResponse(response)
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
  volatile: {
    params: {
      AccessKeyId: '^.+$',
      Signature: '^.+$',
      SignatureNonce: '^.+$',
      Timestamp: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$',
    },
    headers: {
      authorization: '^ACS3-HMAC-SHA256 Credential=.+, ?SignedHeaders=.+, ?Signature=[0-9a-f]+$',
      'x-acs-date': '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$',
      'x-acs-signature-nonce': '^.+$',
    },
  },
  variants: ['GET', 'POST', 'POST-query', 'ACS3'],
  variantOf: (request) => {
    if (request.headers['authorization']?.startsWith(ACS3)) return 'ACS3'
    if (request.method === 'GET') return 'GET'
    return request.query.includes('Signature=') ? 'POST-query' : 'POST'
  },
  formats: ['json', 'xml'],
  nonceVariants: ['GET', 'POST', 'POST-query', 'ACS3'],
  credentialKind: 'alibaba',
  credentials: [
    {
      kind: 'alibaba',
      label: 'Alibaba',
      names: { id: 'AccessKeyId', secret: 'AccessKeySecret' },
      secretKeyId: false,
      env: {
        id: ['TAPEDECK_ALIBABA_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_ID'],
        secret: ['TAPEDECK_ALIBABA_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
      },
      flags: { id: 'alibaba-key-id', secret: 'alibaba-secret' },
    },
  ],
  windowSeconds: 15 * 60,
  errors: alibabaRpcErrors,
  routes: '"/" (Alibaba RPC: Action and Version parameters, or x-acs-action)',
  secrets: {
    params: ['AccessKeyId', 'Signature', 'SecurityToken'],
    requestHeaders: ['x-acs-security-token', 'x-acs-accesskey-id'],
    responseHeaders: [],
    keyShapes: [{ name: 'Alibaba AccessKeyId (LTAI…)', pattern: /LTAI[0-9A-Za-z]{12,30}/ }],
  },
  contract: {
    variants: ['GET', 'POST'],
    body: ['RequestId', 'HostId', 'Recommend', 'Message'],
    responseHeaders: [],
    errorKey: { parent: [], key: 'Code' },
  },
  sdkHints: ({ url, hostPort, scheme }) => [
    `@alicloud/pop-core         new RPCClient({ endpoint: '${url}', apiVersion: '2017-03-21', ... })`,
    `@alicloud/openapi-client   new Config({ endpoint: '${hostPort}', protocol: '${scheme}', ... })`,
  ],
  claims,
  parse,
  authenticate,
  render,
  sign,
  readResponse,
}

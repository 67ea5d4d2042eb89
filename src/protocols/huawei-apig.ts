/**
 * Huawei Cloud API Gateway (APIG) in front of ImageSearch v1. Spec: protocols.md §7.
 * - REST: the route comes from the catalogue (`PUT /v1/{project_id}/{instance_name}/image`, a
 *   trailing `/` tolerated) and the body is a JSON object. Every other `/v1/…` path is claimed too,
 *   so it gets the gateway's `APIGW.0101` rather than another vendor's error.
 * - Two ways in: `X-Auth-Token` (an IAM token; the only header the API page lists) or an AK/SK
 *   `SDK-HMAC-SHA256` signature (apig-signature.ts, with its canonical URI and payload quirks).
 * - A token is the secret itself: it is never echoed, not even in "unknown credential" errors.
 * - Errors carry the real HTTP status and `{error_code, error_msg}`; gateway (`APIGW.*`) errors add
 *   `request_id`. The SDK reads the request id only from the `X-Request-Id` response header.
 */
import {
  type Fault,
  fault,
  huaweiErrors,
  isFault,
  type OperationDefinition,
  operations,
  renderMessage,
  vendorErrorFor,
} from '../catalog/index.ts'
import { InvalidOptionError } from '../errors.ts'
import {
  APIG_ALGORITHM,
  apigCanonicalRequest,
  apigStringToSign,
  formatSdkDate,
  readApigAuthorization,
  verifyApigSignature,
} from './apig-signature.ts'
import { bodyText, fieldValue } from './body-text.ts'
import { hmac } from './crypto.ts'
import { decodeSegment, decodeUtf8 } from './parse-params.ts'
import { percentEncode } from './percent-encode.ts'
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
import { readJsonObject } from './unreadable-response.ts'

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
    ...(request.headers['x-auth-token'] === undefined
      ? {}
      : { credentialKind: 'huawei-token' as const }),
    format: 'json',
    scope,
    signed: {},
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

function readKeyId(request: WireRequest): string | undefined {
  const token = request.headers['x-auth-token']
  if (token !== undefined) return token
  const auth = readApigAuthorization(request.headers['authorization'] ?? '')
  return isFault(auth) ? undefined : auth.access
}

type Credential = { keyId: string; entry: KeyEntry }

function authenticate(call: Call, request: WireRequest, ctx: AuthContext): Principal | Fault {
  const token = request.headers['x-auth-token']
  const credential =
    token === undefined ? verifyApigSignature(request, ctx) : authenticateToken(token, ctx)
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
  if (!entry) return fault('UnknownCredential', { reason: 'token verification failed' })
  return { keyId: token, entry }
}

function render(...[outcome, ctx]: Parameters<WireProtocol['render']>): TextResponse {
  const headers = { 'content-type': JSON_TYPE, 'x-request-id': ctx.requestId }
  if (outcome.ok) return { status: 200, headers, body: JSON.stringify({ result: 'Success' }) }
  const spec = vendorErrorFor(huaweiErrors, outcome.fault.kind, ctx.operation)
  if (spec.headers) Object.assign(headers, spec.headers)
  // A placeholder the fault leaves empty would leave a double space.
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
  const authorization = `${APIG_ALGORITHM} Access=${credentials.keyId}, SignedHeaders=${signed.join(';')}, Signature=${signature}`
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
  const text = bodyText(response.body)
  const fields = readJsonObject(text) ?? {}
  const header = Object.keys(response.headers).find((name) => name.toLowerCase() === 'x-request-id')
  const requestId =
    (header === undefined ? undefined : fieldValue(response, header)) ??
    optionalString(fields['request_id'])
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
    message: message ?? text.slice(0, 200),
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
  volatile: {
    params: {},
    headers: {
      authorization: '^SDK-HMAC-SHA256 Access=.+, ?SignedHeaders=.+, ?Signature=[0-9a-f]+$',
      'x-sdk-date': '^\\d{8}T\\d{6}Z$',
      'x-auth-token': '^.+$',
    },
  },
  variants: VARIANTS,
  variantOf: (request) => (request.headers['x-auth-token'] === undefined ? 'AKSK' : 'TOKEN'),
  nonceVariants: [],
  credentialKind: 'huawei-aksk',
  credentials: [
    {
      kind: 'huawei-aksk',
      label: 'Huawei',
      names: { id: 'AK', secret: 'SK', project: 'project' },
      secretKeyId: false,
      env: {
        id: ['TAPEDECK_HUAWEI_AK', 'HUAWEICLOUD_SDK_AK'],
        secret: ['TAPEDECK_HUAWEI_SK', 'HUAWEICLOUD_SDK_SK'],
        project: ['TAPEDECK_HUAWEI_PROJECT', 'HUAWEICLOUD_SDK_PROJECT_ID'],
      },
      flags: { id: 'huawei-ak', secret: 'huawei-sk', project: 'huawei-project' },
    },
    // An IAM token is its own secret; tapedeck never signs with one of its own, so no env or flags.
    {
      kind: 'huawei-token',
      label: 'Huawei',
      names: { id: 'X-Auth-Token', project: 'project' },
      secretKeyId: true,
    },
  ],
  variantCredentialKinds: { TOKEN: 'huawei-token' },
  windowSeconds: 15 * 60,
  errors: huaweiErrors,
  routes: '"/v1/{project_id}/{instance_name}/image" (Huawei ImageSearch)',
  secrets: {
    params: [],
    requestHeaders: ['x-auth-token', 'x-security-token'],
    responseHeaders: ['x-subject-token', 'x-auth-token', 'x-security-token'],
    keyShapes: [],
  },
  contract: {
    variants: ['AKSK'],
    body: ['error_msg', 'request_id'],
    responseHeaders: ['x-request-id'],
    errorKey: { parent: [], key: 'error_code' },
  },
  sdkHints: ({ url }) => [
    `huaweicloud-sdk-core       new ClientBuilder(...).withEndpoint('${url}')`,
  ],
  claims,
  parse,
  authenticate,
  render,
  sign,
  readResponse,
}

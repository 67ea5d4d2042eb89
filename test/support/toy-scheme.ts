import { createHash, createHmac } from 'node:crypto'
import { z } from 'zod'
import {
  defineOperation,
  FAULT_KINDS,
  type FaultKind,
  fault,
  renderMessage,
  type VendorErrorTable,
  vendorErrorFor,
} from '../../src/catalog/index.ts'
import {
  bodyText,
  type KeyRing,
  type ParsedResponse,
  type SigningCredentials,
  safeEqual,
  type WireProtocol,
  type WireRequest,
  withSchemes,
} from '../../src/protocols/index.ts'
import type { Scenario, ScenarioSetup } from '../../src/scenarios/index.ts'
import type { Executor } from '../../src/simulator/index.ts'

/**
 * A fourth cloud, defined here and nowhere in src/: an HMAC-SHA256 signed JSON API with one
 * operation, `POST /toy/v1/RenameWidget`. Everything tapedeck knows about it is what this file
 * declares and registers: the scheme (routing, signing, envelopes, error table, credentials,
 * secrets, contract fields), the operation, its semantics and its scenarios.
 */
const PREFIX = '/toy/v1/'
const KIND = 'toy'

/** The toy's error for every fault: `Toy.<Kind>` with an HTTP status of its own. */
const STATUS: Partial<Record<FaultKind, number>> = {
  MissingCredential: 401,
  UnknownCredential: 401,
  SignatureMismatch: 401,
  NotFound: 404,
  MethodNotAllowed: 405,
  BodyTooLarge: 413,
  Throttled: 429,
  InternalError: 500,
  ServiceUnavailable: 503,
}
const TOY_ERRORS = Object.fromEntries(
  FAULT_KINDS.map((kind) => [
    kind,
    {
      code: `Toy.${kind}`,
      status: STATUS[kind] ?? 400,
      message: `${kind}: {param}{value} {reason}`,
    },
  ]),
) as VendorErrorTable

function stringToSign(request: WireRequest, date: string): string {
  const digest = createHash('sha256').update(request.body).digest('hex')
  return `${request.method}\n${request.path}\n${date}\n${digest}`
}

const hmac = (secret: string, text: string) =>
  createHmac('sha256', secret).update(text).digest('hex')

const toyScheme: WireProtocol = {
  id: 'toy-hmac',
  variants: ['HMAC'],
  variantOf: () => 'HMAC',
  nonceVariants: [],
  credentialKind: KIND,
  credentials: [
    {
      kind: KIND,
      label: 'Toy',
      names: { id: 'KeyId', secret: 'Secret' },
      secretKeyId: false,
      env: { id: ['TAPEDECK_TOY_KEY_ID'], secret: ['TAPEDECK_TOY_SECRET'] },
      flags: { id: 'toy-key-id', secret: 'toy-secret' },
    },
  ],
  windowSeconds: 300,
  volatile: {
    params: {},
    headers: {
      'x-toy-key': '^.+$',
      'x-toy-date': '^\\d+$',
      'x-toy-signature': '^[0-9a-f]{64}$',
    },
  },
  errors: TOY_ERRORS,
  routes: '"/toy/v1/{action}" (the toy HMAC API)',
  secrets: {
    params: [],
    requestHeaders: ['x-toy-key', 'x-toy-signature'],
    responseHeaders: [],
    keyShapes: [{ name: 'Toy key id (TOYK…)', pattern: /TOYK[0-9A-Z]{12}/ }],
  },
  contract: {
    variants: ['HMAC'],
    body: ['requestId', 'message'],
    responseHeaders: [],
    errorKey: { parent: [], key: 'error' },
  },
  claims: (request) => request.path.startsWith(PREFIX),
  parse(request) {
    if (request.method !== 'POST') return fault('MethodNotAllowed', { reason: request.method })
    let params: unknown
    try {
      params = JSON.parse(request.body.toString('utf8'))
    } catch {
      return fault('MalformedBody', { reason: 'not JSON' })
    }
    if (params === null || typeof params !== 'object' || Array.isArray(params))
      return fault('MalformedBody', { reason: 'not a JSON object' })
    return {
      protocol: 'toy-hmac',
      action: request.path.slice(PREFIX.length),
      version: undefined,
      params: params as Record<string, unknown>,
      keyId: request.headers['x-toy-key'],
      format: 'json',
      scope: {},
      signed: {},
    }
  },
  authenticate(call, request, ctx) {
    if (!call.keyId) return fault('MissingCredential')
    const entry = ctx.keys(KIND, call.keyId)
    if (!entry?.secret) return fault('UnknownCredential', { value: call.keyId })
    const date = request.headers['x-toy-date']
    if (!date) return fault('MissingTimestamp')
    if (Math.abs(ctx.now() / 1000 - Number(date)) > ctx.windowSeconds)
      return fault('TimestampExpired', { value: date })
    const signature = request.headers['x-toy-signature'] ?? ''
    if (!safeEqual(signature, hmac(entry.secret, stringToSign(request, date))))
      return fault('SignatureMismatch')
    return { keyId: call.keyId, account: entry.account }
  },
  render(outcome, ctx) {
    const headers = { 'content-type': 'application/json' }
    if (outcome.ok)
      return {
        status: 200,
        headers,
        body: JSON.stringify({ requestId: ctx.requestId, result: outcome.result }),
      }
    const spec = vendorErrorFor(TOY_ERRORS, outcome.fault.kind, ctx.operation)
    const message = renderMessage(spec.message, outcome.fault).trim()
    return {
      status: spec.status,
      headers,
      body: JSON.stringify({ requestId: ctx.requestId, error: { code: spec.code, message } }),
    }
  },
  sign(call, credentials, env) {
    const date = String(Math.floor(env.now() / 1000))
    const request: WireRequest = {
      method: 'POST',
      path: `${PREFIX}${call.operation.action}`,
      query: '',
      headers: {
        host: new URL(call.endpoint).host,
        'content-type': 'application/json',
        'x-toy-key': credentials.keyId,
        'x-toy-date': date,
      },
      body: Buffer.from(JSON.stringify(call.params)),
    }
    const signature = hmac(credentials.secret ?? '', stringToSign(request, date))
    return { ...request, headers: { ...request.headers, 'x-toy-signature': signature } }
  },
  readResponse(response): ParsedResponse {
    let json: {
      requestId?: string
      result?: Record<string, unknown>
      error?: { code: string; message: string }
    }
    try {
      json = JSON.parse(bodyText(response.body))
    } catch {
      return {
        ok: false,
        requestId: undefined,
        status: response.status,
        code: 'UnreadableResponse',
        message: 'not JSON',
      }
    }
    if (json.error)
      return { ok: false, requestId: json.requestId, status: response.status, ...json.error }
    return { ok: true, requestId: json.requestId, result: json.result ?? {} }
  },
}

export const renameWidget = defineOperation({
  id: 'toy-widgets.RenameWidget',
  provider: 'toy-widgets',
  protocol: 'toy-hmac',
  action: 'RenameWidget',
  version: undefined,
  product: 'widgets',
  summary: 'Renames a widget.',
  docUrl: 'https://toy.invalid/docs/RenameWidget',
  hosts: ['widgets.toy.invalid'],
  hostTemplates: ['widgets.toy.invalid'],
  input: z.object({ WidgetId: z.string().min(1), Name: z.string().max(32) }),
  result: [{ name: 'WidgetId' }, { name: 'Name' }],
  faults: ['InvalidParameter', 'NotFound'],
  sampleRequests: [],
  samples: [],
})

export const registry = withSchemes({ protocols: [toyScheme], operations: [renameWidget] })

/** The toy's semantics: widgets renamed in place, its state its own. */
export function createWidgetExecutor(): Executor {
  const widgets = new Map([['w-0001', 'Gadget']])
  return (input) => {
    const { WidgetId, Name } = input as { WidgetId: string; Name: string }
    if (!widgets.has(WidgetId)) return { ok: false, fault: fault('NotFound', { value: WidgetId }) }
    widgets.set(WidgetId, Name)
    return { ok: true, result: { WidgetId, Name } }
  }
}

export const TOY_CREDENTIALS: SigningCredentials = {
  keyId: 'TOYKABCDEF123456',
  secret: 'toy-secret-0123456789',
}

/** The toy's credential store: one key, for one account. */
export function toyKeys(secret = TOY_CREDENTIALS.secret!): KeyRing {
  return (kind, keyId) =>
    kind === KIND && keyId === TOY_CREDENTIALS.keyId
      ? { secret, account: 'toy-account' }
      : undefined
}

/** Everything a scenario of the toy is played with. */
export function toySetup(): ScenarioSetup {
  return {
    registry,
    executors: { [renameWidget.id]: createWidgetExecutor() },
    keys: toyKeys(),
    credentials: { [KIND]: TOY_CREDENTIALS },
  }
}

const scenario = (
  slug: string,
  description: string,
  params: Record<string, unknown>,
  expect: Scenario['expect'],
): Scenario => ({
  id: `${renameWidget.id}/${slug}`,
  operation: renameWidget,
  description,
  kind: expect.code ? 'error' : 'sample',
  given: [],
  profile: 'live',
  request: { params },
  expect,
})

export const toyScenarios: readonly Scenario[] = [
  scenario(
    'rename',
    'renames a widget',
    { WidgetId: 'w-0001', Name: 'Blue' },
    { status: 200, result: { WidgetId: 'w-0001', Name: 'Blue' } },
  ),
  scenario(
    'not-found',
    'a widget that does not exist is Toy.NotFound',
    { WidgetId: 'w-9999', Name: 'Red' },
    { status: 404, code: 'Toy.NotFound' },
  ),
  scenario(
    'name-too-long',
    'a name over 32 characters is Toy.InvalidParameter',
    { WidgetId: 'w-0001', Name: 'x'.repeat(33) },
    { status: 400, code: 'Toy.InvalidParameter' },
  ),
]

import { randomUUID } from 'node:crypto'
import {
  type Fault,
  fault,
  isFault,
  type OperationDefinition,
  type Profile,
  type ProtocolId,
  validateInput,
  vendorErrorFor,
} from '../catalog/index.ts'
import {
  type AuthContext,
  builtInRegistry,
  type Call,
  createMemo,
  type KeyRing,
  type NonceStore,
  type Outcome,
  type Principal,
  type Registry,
  redactKeyId,
  type TextResponse,
  type WireProtocol,
  type WireRequest,
} from '../protocols/index.ts'
import type { Engine, FaultInjection } from '../simulator/index.ts'
import { createInjector, type Effect } from './create-injector.ts'
import { createNonceStore } from './create-nonce-store.ts'
import { createRateLimiter } from './create-rate-limiter.ts'
import { STEPS, type Step, type Trace, type TraceStep } from './trace.ts'

export type AuthMode = 'on' | 'off'

export type PipelineOptions = {
  engine: Engine
  keys: KeyRing
  /** Who acts for an unsigned request when `auth` is `off`. */
  defaultPrincipal?: (protocol: WireProtocol) => Principal | undefined
  /** The schemes served and their operations; the built-in ones by default. */
  registry?: Registry
  now?: () => number
  requestId?: () => string
  /** The response-shape profile, or a function read on every request (switchable at run time). */
  profile?: Profile | (() => Profile)
  auth?: AuthMode
  /** Allowed clock skew per scheme, seconds; defaults to each scheme's own. */
  windows?: Partial<Record<ProtocolId, number>>
  /** Calls per second per account, by operation id; overrides the catalogue's `rateLimit`, 0 turns it off. */
  rateLimits?: Partial<Record<string, number>>
  nonces?: NonceStore
  /** Fault injection, read on every request (the simulator's current configuration). */
  faultInjection?: () => FaultInjection | undefined
}

/** The settings a door passes through to its pipeline unchanged (server, MSW handlers). */
export type DoorOptions = Partial<
  Pick<PipelineOptions, 'now' | 'requestId' | 'auth' | 'windows' | 'rateLimits'>
> & {
  profile?: Profile
}

/** A response, its trace, and what an injected fault asks of the door (delay, reset, hang). */
export type Handled = { response: TextResponse; trace: Trace; effect?: Effect }

export type Pipeline = {
  /** Runs one request through route → parse → resolve → inject → authenticate → throttle → validate → execute → render. */
  handle(request: WireRequest): Handled
  /** Renders a fault found before the pipeline could run (an oversize body) in the right envelope. */
  reject(request: WireRequest, fault: Fault): Handled
}

/**
 * Creates the request pipeline every door shares (HTTP server, MSW handlers, replay, recorder).
 * Route tables are built once here; each request is a synchronous pass, so state changes are atomic.
 */
export function createPipeline(options: PipelineOptions): Pipeline {
  const { protocols, operations } = options.registry ?? builtInRegistry
  const now = options.now ?? Date.now
  const nextRequestId = options.requestId ?? (() => randomUUID().toUpperCase())
  const profileOption = options.profile ?? 'live'
  const profile = typeof profileOption === 'function' ? profileOption : () => profileOption
  const nonces = options.nonces ?? createNonceStore()
  // What the schemes remember across this pipeline's requests (derived signing keys, parsed
  // header values): this pipeline's own, shared with no other.
  const memo = createMemo()
  const limiter = createRateLimiter()
  const inject = createInjector(options.faultInjection ?? (() => undefined))
  // One authentication context per scheme, built once (its clock window is fixed at start-up).
  const authContexts = new Map<WireProtocol, AuthContext>(
    protocols.map((protocol) => [
      protocol,
      {
        now,
        keys: options.keys,
        nonces,
        windowSeconds: options.windows?.[protocol.id] ?? protocol.windowSeconds,
        memo,
      },
    ]),
  )
  const byAction = new Map<string, OperationDefinition[]>()
  for (const operation of operations) {
    const key = `${operation.protocol}\u0000${operation.action}`
    byAction.set(key, [...(byAction.get(key) ?? []), operation])
  }

  // The last instant formatted: requests arriving within one millisecond share its string.
  let lastMs = Number.NaN
  let lastIso = ''
  const isoOf = (ms: number): string => {
    if (ms !== lastMs) {
      lastMs = ms
      lastIso = new Date(ms).toISOString()
    }
    return lastIso
  }

  function handle(request: WireRequest): Handled {
    const trace = startTrace(request, nextRequestId(), isoOf(now()))
    const protocol = protocols.find((candidate) => candidate.claims(request))
    if (!protocol) return finish(trace, noRoute(request, protocols))
    trace.protocol = protocol.id
    trace.variant = protocol.variantOf?.(request)
    let call: Call | undefined
    let operation: OperationDefinition | undefined
    let effect: Effect | undefined
    const fail = (step: Step, problem: Fault): Handled => {
      trace.steps.push({ step, ok: false, fault: problem })
      const handled = render(
        protocol,
        { ok: false, fault: problem },
        trace,
        request,
        call,
        operation,
      )
      return effect ? { ...handled, effect } : handled
    }
    try {
      trace.steps.push(PASSED.route)
      const parsed = protocol.parse(request)
      if (isFault(parsed)) return fail('parse', parsed)
      call = parsed
      // Shown masked when the key id is the secret itself (an IAM token).
      trace.keyId =
        call.keyId === undefined
          ? undefined
          : redactKeyId(protocol, call.credentialKind ?? protocol.credentialKind, call.keyId)
      trace.params = call.params
      trace.format = call.format
      trace.steps.push(PASSED.parse)

      const resolved = resolve(call)
      if (isFault(resolved)) return fail('resolve', resolved)
      operation = resolved
      trace.operation = operation.id
      trace.steps.push(PASSED.resolve)

      const injected = inject(operation.id)
      effect = injected?.effect
      if (injected?.fault) return fail('inject', fault(injected.fault, { reason: 'injected' }))
      if (injected?.effect?.drop) {
        return fail(
          'inject',
          fault('ServiceUnavailable', { reason: `injected ${injected.effect.drop}` }),
        )
      }

      const principal = authenticate(protocol, call, request)
      if (isFault(principal)) return fail('authenticate', principal)
      trace.account = principal.account
      trace.steps.push(PASSED.authenticate)

      const limit = options.rateLimits?.[operation.id] ?? operation.rateLimit
      if (limit && !limiter.admit(`${principal.account}\u0000${operation.id}`, limit, now())) {
        return fail('throttle', fault('Throttled'))
      }
      trace.steps.push(PASSED.throttle)

      const valid = validateInput(operation, call.params)
      if (!valid.ok) return fail('validate', valid.fault)
      trace.steps.push(PASSED.validate)

      const outcome = options.engine.execute(operation, valid.value, {
        principal,
        scope: call.scope,
      })
      trace.steps.push(
        outcome.ok ? PASSED.execute : { step: 'execute', ok: false, fault: outcome.fault },
      )
      const handled = render(protocol, outcome, trace, request, call, operation)
      return effect ? { ...handled, effect } : handled
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      return fail('execute', fault('InternalError', { reason }))
    }
  }

  function resolve(call: Call): OperationDefinition | Fault {
    if (!call.action) return fault('MissingParameter', { param: 'Action' })
    const candidates = byAction.get(`${call.protocol}\u0000${call.action}`)
    if (!candidates) return fault('UnknownAction', { reason: call.action })
    const match = candidates.find((operation) => operation.version === call.version)
    if (match) return match
    if (call.version === undefined) return fault('MissingParameter', { param: 'Version' })
    return fault('UnsupportedVersion', {
      reason: `${call.version} (${call.action} is ${candidates.map((c) => c.version).join(', ')})`,
    })
  }

  function authenticate(
    protocol: WireProtocol,
    call: Call,
    request: WireRequest,
  ): Principal | Fault {
    if (options.auth === 'off') {
      const known =
        call.keyId === undefined
          ? undefined
          : options.keys(call.credentialKind ?? protocol.credentialKind, call.keyId)
      if (known && call.keyId)
        return {
          keyId: call.keyId,
          account: known.account,
          ...(known.project ? { project: known.project } : {}),
        }
      return options.defaultPrincipal?.(protocol) ?? fault('MissingCredential')
    }
    return protocol.authenticate(call, request, authContexts.get(protocol)!)
  }

  function render(
    protocol: WireProtocol,
    outcome: Outcome,
    trace: Trace,
    request: WireRequest,
    call: Call | undefined,
    operation: OperationDefinition | undefined,
  ): Handled {
    const response = protocol.render(outcome, {
      requestId: trace.requestId,
      profile: profile(),
      format: call?.format ?? 'json',
      host: request.headers['host'] ?? '',
      operation,
    })
    if (!outcome.ok)
      trace.code = vendorErrorFor(protocol.errors, outcome.fault.kind, operation).code
    return finish(trace, response)
  }

  return {
    handle,
    reject(request, problem) {
      const trace = startTrace(request, nextRequestId(), isoOf(now()))
      trace.steps.push({ step: 'route', ok: false, fault: problem })
      const protocol = protocols.find((candidate) => candidate.claims(request))
      // A request no scheme claims has no vendor envelope: the fault is told in tapedeck's own.
      if (!protocol) return finish(trace, unclaimed(request, problem))
      trace.protocol = protocol.id
      return render(protocol, { ok: false, fault: problem }, trace, request, undefined, undefined)
    },
  }
}

/** One shared verdict per step that passed: traces point at these instead of allocating their own. */
const PASSED = Object.fromEntries(
  STEPS.map((step) => [step, Object.freeze({ step, ok: true })]),
) as {
  readonly [S in Step]: TraceStep
}

function startTrace(request: WireRequest, requestId: string, receivedAt: string): Trace {
  return {
    requestId,
    receivedAt,
    method: request.method,
    path: request.path,
    protocol: undefined,
    variant: undefined,
    operation: undefined,
    keyId: undefined,
    account: undefined,
    format: undefined,
    params: undefined,
    steps: [],
    status: 0,
    code: undefined,
  }
}

function finish(trace: Trace, response: TextResponse): Handled {
  trace.status = response.status
  return { response, trace }
}

function noRoute(request: WireRequest, protocols: readonly WireProtocol[]): TextResponse {
  const served = protocols.map((protocol) => protocol.routes).join('; ')
  return jsonError(
    404,
    'E_NO_ROUTE',
    `Failed to route "${request.method} ${request.path}": no API served here takes this request. Served: ${served}.`,
  )
}

/** A fault found before routing, for a request that no scheme claims (an oversize body). */
function unclaimed(request: WireRequest, problem: Fault): TextResponse {
  const tooLarge = problem.kind === 'BodyTooLarge'
  const what = tooLarge ? `its body is over the ${problem.max ?? ''}-byte limit` : problem.kind
  return jsonError(
    tooLarge ? 413 : 400,
    tooLarge ? 'E_BODY_TOO_LARGE' : 'E_BAD_REQUEST',
    `Failed to take "${request.method} ${request.path}": ${what}, and no API served here takes this path.`,
  )
}

function jsonError(status: number, code: string, message: string): TextResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, message }),
  }
}

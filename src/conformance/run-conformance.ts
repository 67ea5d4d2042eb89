import type { Trace } from '../pipeline/index.ts'
import { builtInRegistry, protocolOf } from '../protocols/index.ts'
import {
  applyStates,
  type Scenario,
  type ScenarioSetup,
  scenarioVariant,
  setupCredentials,
} from '../scenarios/index.ts'
import { startServer } from '../server/index.ts'
import type { SimulatorState } from '../simulator/index.ts'
import { type ConformIssue, canonical, checkScenario } from './check-scenario.ts'
import {
  type ClientAnswer,
  type ConformClient,
  clientAnswerSchema,
  type ScenarioMessage,
} from './client-protocol.ts'
import {
  type ConformScenario,
  conformScenarios,
  type ScenarioSelection,
  selectScenarios,
} from './conform-scenarios.ts'
import { ClientProcessError } from './create-process-client.ts'

export type ConformOptions = ScenarioSelection & {
  /** Allowed clock skew for every scheme, seconds (default 300: "current" within 5 minutes). */
  windowSeconds?: number
  /** Called after each scenario (progress output). */
  onResult?: (result: ScenarioResult) => void
  /** Name shown in reports (default `client`). */
  name?: string
  /** Per-scenario limit for an in-process client, ms (default 30 000; process clients have their own). */
  timeoutMs?: number
  /** The scenarios to run; the built-in ones by default. */
  scenarios?: readonly Scenario[]
  /** Schemes, operations, semantics and credentials beyond the built-in ones (an added scheme's). */
  setup?: ScenarioSetup
}

export type ScenarioStatus = 'pass' | 'fail' | 'not-applicable'

export type ScenarioResult = {
  id: string
  operation: string
  provider: string
  description: string
  source: ConformScenario['source']
  status: ScenarioStatus
  /** The adapter's reason, for `not-applicable`. */
  reason?: string
  issues: ConformIssue[]
  durationMs: number
}

export type ConformReport = {
  client: string
  results: ScenarioResult[]
  passed: number
  failed: number
  notApplicable: number
  durationMs: number
}

/** The secret a `wrong-secret` scenario hands out. */
const WRONG_SECRET = 'not-the-secret'

/**
 * Runs the conformance scenarios against a client: starts a tapedeck server on a free port, and for
 * each scenario sets the provider state and profile, calls the client, and checks what reached the
 * server and what the client reported. A client that cannot answer (a process that does not start,
 * prints no JSON or times out) throws `ClientProcessError`; every other outcome is in the report.
 * @example
 * const report = await conform(async (message) => myClient.run(message))
 * expect(report.failed).toBe(0)
 */
export async function conform(
  client: ConformClient,
  options: ConformOptions = {},
): Promise<ConformReport> {
  const setup = options.setup ?? {}
  const registry = setup.registry ?? builtInRegistry
  const selected = selectScenarios(conformScenarios(options.scenarios, registry), options)
  const window = options.windowSeconds ?? 300
  const windows = Object.fromEntries(registry.protocols.map(({ id }) => [id, window]))
  // Throttling is a scenario of its own (fault injection), never a side effect of a fast client.
  const rateLimits = Object.fromEntries(selected.map((s) => [s.operation.id, 0]))
  const server = await startServer({
    port: 0,
    windows,
    rateLimits,
    registry,
    ...(setup.executors ? { executors: setup.executors } : {}),
    ...(setup.keys ? { keys: setup.keys } : {}),
  })
  const started = performance.now()
  try {
    const seed = server.simulator.getState() as SimulatorState
    const results: ScenarioResult[] = []
    for (const scenario of selected) {
      const result = await runOne(scenario, client, seed, server.url, options)
      options.onResult?.(result)
      results.push(result)
    }
    const count = (status: ScenarioStatus) => results.filter((r) => r.status === status).length
    return {
      client: options.name ?? 'client',
      results,
      passed: count('pass'),
      failed: count('fail'),
      notApplicable: count('not-applicable'),
      durationMs: Math.round(performance.now() - started),
    }
  } finally {
    await server.close()
  }
}

async function runOne(
  scenario: ConformScenario,
  client: ConformClient,
  seed: SimulatorState,
  serverUrl: string,
  options: ConformOptions,
): Promise<ScenarioResult> {
  const started = performance.now()
  const admin = adminOf(serverUrl)
  const raw = await inScenario(
    serverUrl,
    seed,
    scenario,
    () =>
      withTimeout(
        client(messageFor(scenario, serverUrl, options.setup)),
        options.timeoutMs ?? 30_000,
        () =>
          new ClientProcessError(
            options.name ?? 'client',
            `no answer to scenario "${scenario.id}" within ${options.timeoutMs ?? 30_000} ms`,
          ),
      ),
    { clearJournal: true },
  )
  const parsed = clientAnswerSchema.safeParse(raw)
  const answer: ClientAnswer = parsed.success
    ? parsed.data
    : {
        ok: false,
        error: { code: 'E_BAD_ANSWER', message: `not a client answer: ${canonical(raw)}` },
      }
  const base = {
    id: scenario.id,
    operation: scenario.operation.id,
    provider: scenario.operation.provider,
    description: scenario.description,
    source: scenario.source,
  }
  if ('notApplicable' in answer) {
    const durationMs = Math.round(performance.now() - started)
    return {
      ...base,
      status: 'not-applicable',
      reason: answer.notApplicable,
      issues: [],
      durationMs,
    }
  }
  const journal = (await admin('GET', 'requests')) as { requests: Trace[] }
  const issues = checkScenario(scenario, answer, { traces: journal.requests })
  const durationMs = Math.round(performance.now() - started)
  return { ...base, status: issues.length === 0 ? 'pass' : 'fail', issues, durationMs }
}

/** A tapedeck server's admin API; a refusal there is the server's failure, never the client's. */
function adminOf(serverUrl: string) {
  return async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${serverUrl}/__tapedeck/${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const json = (await response.json()) as unknown
    if (!response.ok)
      throw new ClientProcessError('tapedeck server', `admin ${method} ${path}: ${canonical(json)}`)
    return json
  }
}

/**
 * Gives a scenario its set-up on a tapedeck server (state from `seed`, response profile, and
 * throttling for a `throttled` scenario; the journal emptied when asked), runs `call`, then lifts
 * the throttling again, whatever `call` did.
 */
export async function inScenario<T>(
  serverUrl: string,
  seed: SimulatorState,
  scenario: ConformScenario,
  call: () => Promise<T>,
  { clearJournal = false } = {},
): Promise<T> {
  const admin = adminOf(serverUrl)
  await admin('PUT', 'state', applyStates(seed, scenario.given))
  await admin('PUT', 'config', { profile: scenario.profile })
  if (scenario.throttle)
    await admin('PUT', 'faults', {
      seed: 1,
      operations: { [scenario.operation.id]: { throttleRate: 1 } },
    })
  if (clearJournal) await admin('DELETE', 'requests')
  try {
    return await call()
  } finally {
    if (scenario.throttle) await admin('DELETE', 'faults')
  }
}

/** The message a scenario sends to a client: the request to make, where, and with what key. */
export function messageFor(
  scenario: ConformScenario,
  endpoint: string,
  setup: ScenarioSetup = {},
): ScenarioMessage {
  const { operation, request } = scenario
  const kind = protocolOf(scenario.operation, setup.registry).credentialKind
  const credentials = setupCredentials(setup)[kind]
  if (!credentials)
    throw new TypeError(
      `Failed to run "${scenario.id}": no ${kind} credentials to hand the client; add them to the setup`,
    )
  return {
    id: scenario.id,
    operation: operation.id,
    provider: operation.provider,
    protocol: operation.protocol,
    action: operation.action,
    ...(operation.version === undefined ? {} : { version: operation.version }),
    params: request.params,
    format: request.format ?? 'json',
    variant: scenarioVariant(scenario, setup.registry),
    ...(request.pathParams ? { pathParams: request.pathParams } : {}),
    endpoint,
    credentials: scenario.wrongSecret ? { ...credentials, secret: WRONG_SECRET } : credentials,
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(error()), ms)
  })
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer))
}

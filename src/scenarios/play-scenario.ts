import { isDeepStrictEqual } from 'node:util'
import { XMLParser } from 'fast-xml-parser'
import { signCall } from '../client/index.ts'
import { createPipeline } from '../pipeline/index.ts'
import {
  bodyText,
  type ParsedResponse,
  protocolOf,
  type WireRequest,
  type WireResponse,
} from '../protocols/index.ts'
import { applyStates, createDefaultState, createSimulator } from '../simulator/index.ts'
import {
  type Scenario,
  type ScenarioSetup,
  scenarioVariant,
  setupCredentials,
} from './define-scenario.ts'

/** The fixed instant scenarios are signed and played at, so generated contracts are reproducible. */
const SCENARIO_TIME = Date.parse('2026-01-01T00:00:00Z')
const ENDPOINT = 'http://127.0.0.1:8080'

export type PlayedScenario = {
  request: WireRequest
  response: WireResponse
  parsed: ParsedResponse
  /** Where the response differs from the scenario's expectation; empty when it holds. */
  issues: string[]
}

/**
 * Plays a scenario on a fresh simulator in the scenario's state and profile, with a deterministic
 * clock, nonce and request id (a sample's own RequestId, so the sample comes out verbatim).
 */
export function playScenario(scenario: Scenario, setup: ScenarioSetup = {}): PlayedScenario {
  const simulator = createSimulator({
    seed: applyStates(createDefaultState(), scenario.given),
    ...(setup.executors ? { executors: setup.executors } : {}),
    ...(setup.keys ? { keys: setup.keys } : {}),
  })
  const sample = scenario.expect.sample === undefined ? undefined : findSample(scenario)
  const requestId = sample ? requestIdOf(sample.body) : undefined
  const pipeline = createPipeline({
    engine: simulator,
    keys: simulator.keys,
    now: () => SCENARIO_TIME,
    requestId: () => requestId ?? '3C1B2A90-5F2E-4C1B-9A7D-6E5F4A3B2C1D',
    profile: scenario.profile,
    rateLimits: { [scenario.operation.id]: 0 },
    ...(setup.registry ? { registry: setup.registry } : {}),
  })
  const request = signScenario(scenario, ENDPOINT, setup)
  const response = pipeline.handle(request).response
  const parsed = protocolOf(scenario.operation, setup.registry).readResponse(
    response,
    scenario.operation,
  )
  return { request, response, parsed, issues: check(scenario, response, parsed, sample?.body) }
}

/** The signed request a scenario sends (reference client, deterministic clock and nonce). */
export function signScenario(
  scenario: Scenario,
  endpoint = ENDPOINT,
  setup: ScenarioSetup = {},
): WireRequest {
  const { params, format, pathParams } = scenario.request
  const variant = scenarioVariant(scenario, setup.registry)
  return signCall(
    {
      endpoint,
      credentials: setupCredentials(setup),
      ...(setup.registry ? { registry: setup.registry } : {}),
      now: () => SCENARIO_TIME,
      nonce: () => '6d9c1a2b3e4f40a1b2c3d4e5f6a7b8c9',
    },
    scenario.operation,
    params,
    { variant, ...(format ? { format } : {}), ...(pathParams ? { pathParams } : {}) },
  )
}

function findSample(scenario: Scenario) {
  const sample = scenario.operation.samples.find((s) => s.name === scenario.expect.sample)
  if (!sample)
    throw new TypeError(
      `Failed to find sample "${scenario.expect.sample}" of ${scenario.operation.id}`,
    )
  return sample
}

const xml = new XMLParser({ parseTagValue: false, ignoreDeclaration: true, trimValues: true })

function parseBody(body: string): unknown {
  return body.trimStart().startsWith('<') ? xml.parse(body) : JSON.parse(body)
}

/** The RequestId a documented sample shows, wherever its envelope keeps it. */
function requestIdOf(body: string): string | undefined {
  const find = (value: unknown): string | undefined => {
    if (value === null || typeof value !== 'object') return undefined
    for (const [key, child] of Object.entries(value)) {
      if (key === 'RequestId' && typeof child === 'string') return child
      const inner = find(child)
      if (inner !== undefined) return inner
    }
    return undefined
  }
  return find(parseBody(body))
}

function check(
  scenario: Scenario,
  response: WireResponse,
  parsed: ParsedResponse,
  sample: string | undefined,
): string[] {
  const issues: string[] = []
  const { status, code, result } = scenario.expect
  if (response.status !== status) issues.push(`status: expected ${status}, got ${response.status}`)
  if (code !== undefined && (parsed.ok || parsed.code !== code)) {
    issues.push(`code: expected ${code}, got ${parsed.ok ? 'success' : parsed.code}`)
  }
  if (code === undefined && !parsed.ok)
    issues.push(`expected success, got ${parsed.code}: ${parsed.message}`)
  if (result !== undefined && parsed.ok && !isDeepStrictEqual(parsed.result, result)) {
    issues.push(`result: expected ${JSON.stringify(result)}, got ${JSON.stringify(parsed.result)}`)
  }
  const text = bodyText(response.body)
  if (sample !== undefined && !isDeepStrictEqual(parseBody(text), parseBody(sample))) {
    issues.push(
      `body: expected the documented sample ${JSON.stringify(parseBody(sample))}, got ${text}`,
    )
  }
  return issues
}

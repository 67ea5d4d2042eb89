import type { Format, OperationDefinition, Profile } from '../catalog/index.ts'
import type { CredentialSet } from '../client/index.ts'
import { protocolOf, type Registry } from '../protocols/index.ts'
import {
  type ProviderState,
  type SimulatorOptions,
  type StateName,
  testCredentials,
} from '../simulator/index.ts'

// The facts themselves belong to the simulator, which `serve` sets them on (its provider-state endpoint).
export type { ProviderState, StateName } from '../simulator/index.ts'

/**
 * One documented request and the outcome it must get: the unit of the contracts (a Pact
 * interaction) and of the conformance runner (a scenario).
 */
export type Scenario = {
  /** Stable id, `<operation id>/<slug>`. */
  id: string
  operation: OperationDefinition
  description: string
  /** What kind of case: a documented sample, a documented error, or a limit's boundary. */
  kind: 'sample' | 'error' | 'boundary'
  given: readonly ProviderState[]
  /** The response-shape profile the expectation holds under. */
  profile: Profile
  request: {
    params: Record<string, unknown>
    /** The signing variant; the first of the scheme's contract variants when absent. */
    variant?: string
    format?: Format
    pathParams?: Record<string, string>
  }
  expect: {
    status: number
    /** The vendor error code, for errors. */
    code?: string
    /** Result fields (neutral lists), for successes. */
    result?: Record<string, unknown>
    /** The documented sample (by name) the response must reproduce verbatim but for volatile fields. */
    sample?: string
  }
}

/** A state value. */
export function state(name: StateName, params: Record<string, string> = {}): ProviderState {
  return { name, params }
}

/**
 * What scenarios are played with beyond the built-in world: the schemes and operations (a registry),
 * the semantics and credentials of added operations (simulator), and the credentials to sign with.
 */
export type ScenarioSetup = Pick<SimulatorOptions, 'executors' | 'keys'> & {
  registry?: Registry
  credentials?: CredentialSet
}

/** The credentials scenarios sign with: the built-in test keys, and the setup's own. */
export function setupCredentials(setup: ScenarioSetup): CredentialSet {
  return { ...testCredentials(), ...setup.credentials }
}

/**
 * The signing variant a scenario uses: its own, else the first its scheme's contracts declare
 * (parameters in the query string where the scheme allows it).
 */
export function scenarioVariant(scenario: Scenario, registry?: Registry): string {
  return scenario.request.variant ?? protocolOf(scenario.operation, registry).contract.variants[0]!
}

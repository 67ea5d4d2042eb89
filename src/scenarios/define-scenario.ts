import type { Format, OperationDefinition, Profile, ProtocolId } from '../catalog/index.ts'
import type { ProviderState, StateName } from '../simulator/index.ts'

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
    /** The signing variant; the scheme's `SCENARIO_VARIANTS` entry when absent. */
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
 * The signing variant scenarios use by default, per scheme: parameters in the query string where the
 * scheme allows it. The contracts add the POST form variant next to it (`CONTRACT_VARIANTS`).
 */
export const SCENARIO_VARIANTS: Record<ProtocolId, string> = {
  'alibaba-rpc': 'GET',
  'tencent-v2': 'GET',
  'tencent-v3': 'TC3',
  'huawei-apig': 'AKSK',
}

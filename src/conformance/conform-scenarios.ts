import { type FaultKind, vendorErrorFor } from '../catalog/index.ts'
import { builtInRegistry, protocolOf, type Registry } from '../protocols/index.ts'
import { scenarios as builtInScenarios, type Scenario } from '../scenarios/index.ts'

/**
 * A conformance scenario: a contract scenario (the contracts are generated from the same
 * `src/scenarios` list, so every interaction becomes one), or an extra check the contracts cannot
 * express, with the set-up it needs.
 */
export type ConformScenario = Scenario & {
  source: 'contract' | 'extra'
  /** The client is handed a wrong secret for this scenario. */
  wrongSecret?: boolean
  /** The server throttles every call of the operation for this scenario. */
  throttle?: boolean
  /** The authentication verdict the server must reach; success when absent. */
  authFault?: FaultKind
}

export type ScenarioSelection = {
  /** Provider id, e.g. `alibaba-vod`. */
  provider?: string | undefined
  /** Operation id (`alibaba-vod.UpdateImageInfos`) or action (`UpdateImageInfos`). */
  operation?: string | undefined
  /** Substring of the scenario id, or a pattern with `*` wildcards matched against the whole id. */
  only?: string | undefined
}

/**
 * Every conformance scenario, grouped by operation in the registry's order: contracts, then extras.
 * An operation without scenarios has none.
 */
export function conformScenarios(
  scenarios: readonly Scenario[] = builtInScenarios,
  registry: Registry = builtInRegistry,
): ConformScenario[] {
  return registry.operations.flatMap((operation) => {
    const own = scenarios.filter((s) => s.operation.id === operation.id)
    const success = own.find((s) => s.expect.code === undefined && s.profile === 'live') ?? own[0]
    if (!success) return []
    const { errors } = protocolOf(success.operation, registry)
    const extras = (['SignatureMismatch', 'Throttled'] as const).map((kind): ConformScenario => {
      const vendor = vendorErrorFor(errors, kind, operation)
      const wrongSecret = kind === 'SignatureMismatch'
      return {
        ...success,
        id: `${operation.id}/${wrongSecret ? 'wrong-secret' : 'throttled'}`,
        kind: 'error',
        source: 'extra',
        description: wrongSecret
          ? `a wrong secret is reported as ${vendor.code}`
          : `throttling is reported as ${vendor.code}`,
        given: [],
        request: { ...success.request, format: 'json' },
        expect: { status: vendor.status, code: vendor.code },
        ...(wrongSecret ? { wrongSecret, authFault: kind } : { throttle: true }),
      }
    })
    return [...own.map((s): ConformScenario => ({ ...s, source: 'contract' })), ...extras]
  })
}

/** Keeps the scenarios a selection names (all of them for an empty selection). */
export function selectScenarios(
  list: readonly ConformScenario[],
  selection: ScenarioSelection,
): ConformScenario[] {
  const { provider, operation, only } = selection
  const pattern = only?.includes('*')
    ? new RegExp(`^${only.split('*').map(escapeRegExp).join('.*')}$`)
    : undefined
  return list.filter(
    (s) =>
      (provider === undefined || s.operation.provider === provider) &&
      (operation === undefined ||
        s.operation.id === operation ||
        s.operation.action === operation) &&
      (only === undefined || (pattern ? pattern.test(s.id) : s.id.includes(only))),
  )
}

const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&')

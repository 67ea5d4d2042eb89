import type { Profile } from '../catalog/index.ts'
import { applyStates, type ProviderState, STATE_NAMES, type StateName } from '../scenarios/index.ts'

/** The provider state every interaction opens with; on a tapedeck provider it also resets the state. */
export const PROFILE_STATE = (profile: Profile) => `the response profile is ${profile}`

export type StateFailure = { state: string; error: string }

/**
 * State handlers for a tapedeck provider, through its admin API: the profile state resets to the
 * seed and sets the profile; each fact is applied on top. pact-js answers the verifier 200 even when
 * a handler throws, so failures are also collected in `failures` for the report.
 */
export function tapedeckStateHandlers(adminUrl: string, failures: StateFailure[]) {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${adminUrl}/__tapedeck/${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    })
    if (!response.ok)
      throw new Error(
        `${method} /__tapedeck/${path} answered ${response.status}: ${await response.text()}`,
      )
    return response.json()
  }
  const guard =
    (state: string, run: (params: Record<string, string>) => Promise<unknown>) =>
    async (params: unknown) => {
      try {
        await run((params ?? {}) as Record<string, string>)
      } catch (error) {
        failures.push({ state, error: error instanceof Error ? error.message : String(error) })
        throw error
      }
    }
  const handlers: Record<string, (params: unknown) => Promise<void>> = {}
  for (const profile of ['live', 'documented'] as const) {
    handlers[PROFILE_STATE(profile)] = guard(PROFILE_STATE(profile), async () => {
      await call('POST', 'reset')
      await call('PUT', 'config', { profile })
    })
  }
  for (const name of STATE_NAMES) {
    handlers[name] = guard(name, async (params) => {
      const state = await call('GET', 'state')
      const given: ProviderState = { name: name as StateName, params }
      await call('PUT', 'state', applyStates(state, [given]))
    })
  }
  return handlers
}

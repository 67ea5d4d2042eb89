import { PROFILE_STATE } from '../simulator/index.ts'

export { PROFILE_STATE }

export type StateFailure = { state: string; error: string }

/** Where a tapedeck provider takes Pact state changes (`serve`'s provider-state endpoint). */
const STATE_CHANGE_PATH = '/__tapedeck/provider-states'

/**
 * State handlers for a tapedeck provider: each state is POSTed to its provider-state endpoint in
 * Pact's own shape, with the admin token when one is given. pact-js answers the verifier 200 even
 * when a handler throws, so failures are also collected in `failures` for the report.
 */
export function tapedeckStateHandlers(
  providerUrl: string,
  states: readonly string[],
  failures: StateFailure[],
  adminToken?: string,
) {
  const setUp = (state: string) => async (params: unknown) => {
    try {
      const response = await fetch(`${providerUrl}${STATE_CHANGE_PATH}`, {
        method: 'POST',
        body: JSON.stringify({ state, params: params ?? {}, action: 'setup' }),
        headers: {
          'content-type': 'application/json',
          ...(adminToken ? { authorization: `Bearer ${adminToken}` } : {}),
        },
        signal: AbortSignal.timeout(10_000),
      })
      if (!response.ok) {
        const text = await response.text()
        let message = text
        try {
          message = (JSON.parse(text) as { message?: string }).message ?? text
        } catch {
          // not JSON: the text as it came
        }
        throw new Error(`POST ${STATE_CHANGE_PATH} answered ${response.status}: ${message}`)
      }
    } catch (error) {
      failures.push({ state, error: error instanceof Error ? error.message : String(error) })
      throw error
    }
  }
  return Object.fromEntries(states.map((state) => [state, setUp(state)]))
}

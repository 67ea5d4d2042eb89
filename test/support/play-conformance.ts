import { referenceClient } from '../../examples/clients/reference-client.ts'
import { type ConformScenario, conformScenarios, messageFor } from '../../src/conformance/index.ts'
import { applyStates } from '../../src/scenarios/index.ts'
import type { SimulatorState } from '../../src/simulator/index.ts'

/**
 * Plays the conformance suite's scenarios with the reference client against a running server, as
 * `tapedeck conform` does against its own (each scenario's state, profile and throttling set
 * through the admin API first), but keeping the journal: the traffic a CI run leaves behind.
 */
export async function playConformance(
  url: string,
  keep: (scenario: ConformScenario) => boolean = () => true,
): Promise<number> {
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}/__tapedeck/${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    if (!response.ok) throw new Error(`admin ${method} ${path}: ${await response.text()}`)
    return response.json() as Promise<unknown>
  }
  const seed = (await admin('GET', 'state')) as SimulatorState
  let played = 0
  for (const scenario of conformScenarios().filter(keep)) {
    await admin('PUT', 'state', applyStates(seed, scenario.given))
    await admin('PUT', 'config', { profile: scenario.profile })
    if (scenario.throttle)
      await admin('PUT', 'faults', {
        seed: 1,
        operations: { [scenario.operation.id]: { throttleRate: 1 } },
      })
    try {
      await referenceClient(messageFor(scenario, url))
      played++
    } finally {
      if (scenario.throttle) await admin('DELETE', 'faults')
    }
  }
  return played
}

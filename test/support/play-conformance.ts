import { referenceClient } from '../../examples/clients/reference-client.ts'
import {
  type ConformScenario,
  conformScenarios,
  inScenario,
  messageFor,
} from '../../src/conformance/index.ts'
import type { SimulatorState } from '../../src/simulator/index.ts'

/**
 * Plays the conformance suite's scenarios with the reference client against a running server, as
 * `tapedeck conform` does against its own (each scenario set up through the admin API first, by the
 * runner's own `inScenario`), but keeping the journal: the traffic a CI run leaves behind.
 */
export async function playConformance(
  url: string,
  keep: (scenario: ConformScenario) => boolean = () => true,
): Promise<number> {
  const state = await fetch(`${url}/__tapedeck/state`)
  if (!state.ok) throw new Error(`admin GET state: ${await state.text()}`)
  const seed = (await state.json()) as SimulatorState
  let played = 0
  for (const scenario of conformScenarios().filter(keep)) {
    await inScenario(url, seed, scenario, () => referenceClient(messageFor(scenario, url)))
    played++
  }
  return played
}

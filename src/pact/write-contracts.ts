import { mkdir, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { PactV4 } from '@pact-foundation/pact'
import { sendWire } from '../client/index.ts'
import { findProtocol } from '../protocols/index.ts'
import {
  scenarios as allScenarios,
  playScenario,
  type Scenario,
  signScenario,
} from '../scenarios/index.ts'
import { toInteraction } from './to-interaction.ts'

/** The consumer named in every contract: the reference client. */
export const CONSUMER = 'tapedeck-reference-client'

export type WriteContractsResult = { files: string[]; interactions: number }

/**
 * Regenerates the Pact files (specification v4), one per provider, by running a Pact consumer test
 * per scenario: the scenario is played on the simulator to get the documented response, the
 * interaction is declared with volatile fields as matchers, and the reference client calls the Pact
 * mock server and must read back the same outcome.
 */
export async function writeContracts(
  dir: string,
  scenarios: readonly Scenario[] = allScenarios,
): Promise<WriteContractsResult> {
  process.env['PACT_DO_NOT_TRACK'] ??= 'true'
  await mkdir(dir, { recursive: true })
  for (const file of await readdir(dir))
    if (file.startsWith(`${CONSUMER}-`)) await rm(join(dir, file))
  const providers = [...new Set(scenarios.map((s) => s.operation.provider))]
  for (const provider of providers) {
    const pact = new PactV4({ consumer: CONSUMER, provider, dir, logLevel: 'error' })
    for (const scenario of scenarios.filter((s) => s.operation.provider === provider)) {
      // Under heavy parallel load Pact's mock server has been seen to report a request as "expected
      // but not received"; one retry separates that from a real mismatch, which fails both times.
      await declare(pact, scenario).catch(() => declare(pact, scenario))
    }
  }
  const files = (await readdir(dir)).filter((file) => file.startsWith(`${CONSUMER}-`)).sort()
  return { files: files.map((file) => join(dir, file)), interactions: scenarios.length }
}

async function declare(pact: PactV4, scenario: Scenario): Promise<void> {
  const played = playScenario(scenario)
  if (played.issues.length > 0) {
    throw new TypeError(
      `Failed to generate "${scenario.id}": the simulator disagrees with the scenario: ${played.issues.join('; ')}`,
    )
  }
  await toInteraction(
    () => pact.addInteraction(),
    scenario,
    played.request,
    played.response,
  ).executeTest(async (mock) => {
    const response = await sendWire(mock.url, signScenario(scenario, mock.url))
    const parsed = findProtocol(scenario.operation.protocol)!.readResponse(
      response,
      scenario.operation,
    )
    if (!isDeepStrictEqual(withoutIds(parsed), withoutIds(played.parsed))) {
      throw new TypeError(
        `Failed to read "${scenario.id}" back from the mock server: ${JSON.stringify(parsed)}`,
      )
    }
  })
}

function withoutIds(value: object): object {
  const { requestId: _, ...rest } = value as { requestId?: string }
  return rest
}

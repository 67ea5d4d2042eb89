import { mkdir, readdir, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { PactV4 } from '@pact-foundation/pact'
import { sendWire } from '../client/index.ts'
import { protocolOf } from '../protocols/index.ts'
import {
  scenarios as allScenarios,
  playScenario,
  type Scenario,
  type ScenarioSetup,
  signScenario,
} from '../scenarios/index.ts'
import { toInteraction } from './to-interaction.ts'

/** The consumer named in the default contracts: the reference client, live response profile. */
export const CONSUMER = 'tapedeck-reference-client'
/**
 * The consumer named in the documented-profile contracts: the same requests answered in the shape
 * the vendor's documentation shows where the live service differs. A consumer of its own, in a
 * folder of its own, so that a stub server loaded with the default folder has one answer per request
 * and a Broker keeps the two apart.
 */
export const DOCUMENTED_CONSUMER = `${CONSUMER}-documented`

/** What a variant adds to the description of the interactions after the first. */
const VARIANT_LABELS: Record<string, string> = { POST: 'POST form' }

/** The default folder of the documented-profile contracts next to `dir`: `contracts-documented`. */
export const documentedDirOf = (dir: string) => `${dir.replace(/[\\/]+$/, '')}-documented`

export type WriteContractsResult = { files: string[]; interactions: number }

export type WriteContractsOptions = {
  /** Where the documented-profile contracts go; `<dir>-documented` by default. */
  documentedDir?: string
  scenarios?: readonly Scenario[]
  /** Schemes, operations and credentials beyond the built-in ones (an added scheme's scenarios). */
  setup?: ScenarioSetup
}

/**
 * Regenerates the Pact files (specification v4), one per provider and profile, by running a Pact
 * consumer test per interaction: the scenario is played on the simulator (signed with the
 * interaction's variant) to get the response, the interaction is declared with volatile fields as
 * matchers, and the reference client calls the Pact mock server and must read back the same outcome.
 * Live-profile interactions go to `dir`, documented-profile ones to `documentedDir`.
 */
export async function writeContracts(
  dir: string,
  options: WriteContractsOptions = {},
): Promise<WriteContractsResult> {
  process.env['PACT_DO_NOT_TRACK'] ??= 'true'
  const scenarios = options.scenarios ?? allScenarios
  const setup = options.setup ?? {}
  const folders = [
    { dir, consumer: CONSUMER, profile: 'live' },
    {
      dir: options.documentedDir ?? documentedDirOf(dir),
      consumer: DOCUMENTED_CONSUMER,
      profile: 'documented',
    },
  ] as const
  if (resolve(folders[0].dir) === resolve(folders[1].dir))
    throw new TypeError(
      `Failed to write the contracts: the documented-profile folder must differ from ${dir}, or a stub server loaded with it answers each request twice`,
    )
  const files: string[] = []
  let interactions = 0
  for (const folder of folders) {
    await mkdir(folder.dir, { recursive: true })
    for (const file of await readdir(folder.dir))
      if (file.startsWith(`${CONSUMER}-`)) await rm(join(folder.dir, file))
    const chosen = scenarios.filter((s) => s.profile === folder.profile)
    for (const provider of new Set(chosen.map((s) => s.operation.provider))) {
      const pact = new PactV4({
        consumer: folder.consumer,
        provider,
        dir: folder.dir,
        logLevel: 'error',
      })
      for (const scenario of chosen.filter((s) => s.operation.provider === provider)) {
        for (const [variant, description] of variantsOf(scenario, setup)) {
          // Under heavy parallel load Pact's mock server has been seen to report a request as
          // "expected but not received"; one retry separates that from a real mismatch, which
          // fails both times.
          await declare(pact, variant, description, setup).catch(() =>
            declare(pact, variant, description, setup),
          )
          interactions++
        }
      }
    }
    const written = (await readdir(folder.dir)).filter((file) =>
      file.startsWith(`${folder.consumer}-`),
    )
    files.push(...written.sort().map((file) => join(folder.dir, file)))
  }
  return { files, interactions }
}

/**
 * The scenario once per signing variant its scheme's contracts declare (its own variant only, when
 * it names one), the first under the scenario's own description.
 */
function variantsOf(scenario: Scenario, setup: ScenarioSetup): [Scenario, string][] {
  const base = `${scenario.operation.action}: ${scenario.description}`
  if (scenario.request.variant !== undefined) return [[scenario, base]]
  return protocolOf(scenario.operation, setup.registry).contract.variants.map((variant, i) => [
    { ...scenario, request: { ...scenario.request, variant } },
    i === 0 ? base : `${base} [${VARIANT_LABELS[variant] ?? variant}]`,
  ])
}

async function declare(
  pact: PactV4,
  scenario: Scenario,
  description: string,
  setup: ScenarioSetup,
): Promise<void> {
  const played = playScenario(scenario, setup)
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
    description,
    setup,
  ).executeTest(async (mock) => {
    const response = await sendWire(mock.url, signScenario(scenario, mock.url, setup))
    const parsed = protocolOf(scenario.operation, setup.registry).readResponse(
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

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { operations } from '../src/catalog/index.ts'
import { writeContracts } from '../src/pact/index.ts'
import { findProtocol } from '../src/protocols/index.ts'
import { scenarios, signScenario } from '../src/scenarios/index.ts'
import { createDefaultState } from '../src/simulator/index.ts'

const ROOT = join(import.meta.dirname, '..')
/** The two committed folders: the live profile (the default) and the documented-profile twins. */
const FOLDERS = ['contracts', 'contracts-documented'] as const
let fresh: string
type Interaction = {
  description: string
  providerStates: { name: string }[]
  request: { method: string; headers?: Record<string, string[]> }
  response: {
    status: number
    headers?: Record<string, string[]>
    body?: { content: unknown }
    matchingRules?: { body?: Record<string, { matchers: { match: string }[] }> }
  }
}
type PactFile = {
  consumer: { name: string }
  interactions: Interaction[]
  metadata: { pactSpecification: { version: string } }
}
const pacts = new Map<string, PactFile>()
let interactions: Interaction[]

beforeAll(async () => {
  fresh = await mkdtemp(join(tmpdir(), 'tapedeck-contracts-'))
  await writeContracts(join(fresh, 'contracts'))
  for (const folder of FOLDERS) {
    for (const file of await readdir(join(fresh, folder)))
      pacts.set(
        `${folder}/${file}`,
        JSON.parse(await readFile(join(fresh, folder, file), 'utf8')) as PactFile,
      )
  }
  interactions = [...pacts.values()].flatMap((pact) => pact.interactions)
})
afterAll(() => rm(fresh, { recursive: true, force: true }))

it('matches what the catalogue generates (drift: run `npx tapedeck contracts` and commit contracts/)', async () => {
  for (const folder of FOLDERS) {
    const committed = (await readdir(join(ROOT, folder))).filter((f) => f.endsWith('.json')).sort()
    const generated = (await readdir(join(fresh, folder))).sort()
    expect(
      committed,
      `${folder}/ holds other files than the catalogue generates: run \`npx tapedeck contracts\``,
    ).toEqual(generated)
    for (const file of generated) {
      const same =
        (await readFile(join(ROOT, folder, file), 'utf8')) ===
        (await readFile(join(fresh, folder, file), 'utf8'))
      expect(
        same,
        `${folder}/${file} is stale: run \`npx tapedeck contracts\` and commit ${folder}/`,
      ).toBe(true)
    }
  }
})

it('writes one Pact v4 file per provider and profile, one interaction per scenario and contract variant', () => {
  const providers = [...new Set(operations.map((op) => op.provider))]
  const live = [...pacts.keys()].filter((key) => key.startsWith('contracts/'))
  expect(live).toHaveLength(providers.length)
  const documented = new Set(
    scenarios.filter((s) => s.profile === 'documented').map((s) => s.operation.provider),
  )
  expect(pacts.size).toBe(providers.length + documented.size)
  const expected = scenarios.reduce(
    (sum, s) => sum + findProtocol(s.operation.protocol)!.contract.variants.length,
    0,
  )
  expect(interactions).toHaveLength(expected)
  for (const [key, pact] of pacts) {
    const profile = key.startsWith('contracts/') ? 'live' : 'documented'
    expect(pact.consumer.name).toBe(
      profile === 'live' ? 'tapedeck-reference-client' : 'tapedeck-reference-client-documented',
    )
    for (const interaction of pact.interactions)
      expect(interaction.providerStates[0]!.name).toBe(`the response profile is ${profile}`)
  }
  for (const pact of pacts.values()) expect(pact.metadata.pactSpecification.version).toBe('4.0')
})

it('holds POST form interactions next to the GET ones for the schemes whose clients POST forms', () => {
  for (const protocol of ['alibaba-rpc', 'tencent-v2'] as const) {
    const mine = scenarios.filter((s) => s.operation.protocol === protocol)
    const posts = interactions.filter(
      (i) =>
        i.request.method === 'POST' &&
        mine.some((s) => i.description === `${s.operation.action}: ${s.description} [POST form]`),
    )
    expect(posts, protocol).toHaveLength(mine.length)
  }
})

it('writes one spelling of each header in every request and response', () => {
  for (const interaction of interactions) {
    for (const part of [interaction.request, interaction.response]) {
      const names = Object.keys(part.headers ?? {}).map((name) => name.toLowerCase())
      expect(new Set(names).size, interaction.description).toBe(names.length)
    }
  }
})

it('gives every documented-profile scenario a live twin with the same request, so the default folder answers it', () => {
  const key = (s: (typeof scenarios)[number]) => {
    const { method, path, query, body } = signScenario(s)
    return JSON.stringify([s.operation.id, method, path, query, body.toString('base64')])
  }
  const live = new Set(scenarios.filter((s) => s.profile === 'live').map(key))
  for (const scenario of scenarios.filter((s) => s.profile === 'documented'))
    expect(live.has(key(scenario)), scenario.id).toBe(true)
})

const xml = new XMLParser({ parseTagValue: false, ignoreDeclaration: true, trimValues: true })

it('holds every documented sample, JSON and XML, verbatim as an example', () => {
  for (const operation of operations) {
    for (const sample of operation.samples) {
      const expected = sample.format === 'xml' ? xml.parse(sample.body) : JSON.parse(sample.body)
      const found = interactions.some((interaction) => {
        const content = interaction.response.body?.content
        if (content === undefined) return false
        const actual = typeof content === 'string' ? xml.parse(content) : content
        return isDeepStrictEqual(actual, expected)
      })
      expect(found, `${operation.id}: ${sample.name}`).toBe(true)
    }
  }
})

it('holds every documented error of every operation', () => {
  for (const scenario of scenarios.filter((s) => s.expect.code !== undefined)) {
    const found = interactions.some(
      (i) =>
        i.description === `${scenario.operation.action}: ${scenario.description}` &&
        JSON.stringify(i.response.body?.content ?? '').includes(scenario.expect.code!),
    )
    expect(found, scenario.id).toBe(true)
  }
})

it('holds no secret and no key id', async () => {
  const { credentials } = createDefaultState()
  const secrets = [
    ...credentials.alibaba.flatMap((c) => [c.accessKeySecret, c.accessKeyId]),
    ...credentials.tencent.flatMap((c) => [c.secretKey, c.secretId]),
    ...credentials.huaweiAksk.flatMap((c) => [c.sk, c.ak]),
    ...credentials.huaweiTokens.map((c) => c.token),
  ]
  for (const file of pacts.keys()) {
    const text = await readFile(join(fresh, file), 'utf8')
    for (const secret of secrets)
      expect(text.includes(secret), `${file} contains ${secret.slice(0, 4)}…`).toBe(false)
    expect(text).not.toMatch(/LTAI[0-9A-Za-z]{12,}|AKID[0-9A-Za-z]{32}/)
  }
})

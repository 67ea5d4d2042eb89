import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { operations } from '../src/catalog/index.ts'
import { writeContracts } from '../src/pact/index.ts'
import { scenarios } from '../src/scenarios/index.ts'
import { createDefaultState } from '../src/simulator/index.ts'

const COMMITTED = join(import.meta.dirname, '..', 'contracts')
let fresh: string
type Interaction = {
  description: string
  response: { status: number; body?: { content: unknown } }
}
let interactions: Interaction[]

beforeAll(async () => {
  fresh = await mkdtemp(join(tmpdir(), 'tapedeck-contracts-'))
  await writeContracts(fresh)
  interactions = []
  for (const file of await readdir(fresh)) {
    interactions.push(
      ...(JSON.parse(await readFile(join(fresh, file), 'utf8')) as { interactions: Interaction[] })
        .interactions,
    )
  }
})
afterAll(() => rm(fresh, { recursive: true, force: true }))

it('matches what the catalogue generates (drift: run `npx tapedeck contracts` and commit contracts/)', async () => {
  const committed = (await readdir(COMMITTED)).filter((f) => f.endsWith('.json')).sort()
  const generated = (await readdir(fresh)).sort()
  expect(
    committed,
    'contracts/ holds other files than the catalogue generates: run `npx tapedeck contracts`',
  ).toEqual(generated)
  for (const file of generated) {
    const same =
      (await readFile(join(COMMITTED, file), 'utf8')) ===
      (await readFile(join(fresh, file), 'utf8'))
    expect(
      same,
      `contracts/${file} is stale: run \`npx tapedeck contracts\` and commit contracts/`,
    ).toBe(true)
  }
})

it('writes one Pact v4 file per provider, with one interaction per scenario', async () => {
  const providers = [...new Set(operations.map((op) => op.provider))]
  expect((await readdir(fresh)).length).toBe(providers.length)
  expect(interactions).toHaveLength(scenarios.length)
  const pact = JSON.parse(
    await readFile(join(fresh, 'tapedeck-reference-client-alibaba-vod.json'), 'utf8'),
  )
  expect(pact.metadata.pactSpecification.version).toBe('4.0')
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
  for (const file of await readdir(fresh)) {
    const text = await readFile(join(fresh, file), 'utf8')
    for (const secret of secrets)
      expect(text.includes(secret), `${file} contains ${secret.slice(0, 4)}…`).toBe(false)
    expect(text).not.toMatch(/LTAI[0-9A-Za-z]{12,}|AKID[0-9A-Za-z]{32}/)
  }
})

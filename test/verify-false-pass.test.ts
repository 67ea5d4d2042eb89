import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { operations } from '../src/catalog/index.ts'
import { testCredentials } from '../src/client/index.ts'
import { verifyProvider } from '../src/pact/index.ts'
import { findProtocol } from '../src/protocols/index.ts'
import { startServer, type TapedeckServer } from '../src/server/index.ts'
import { readRequest } from '../src/tapes/index.ts'

// No interaction may pass on the wrong answer, whatever Pact's matching says: Pact allows extra
// keys, so an error envelope can match a success interaction that expects little.
const CONTRACTS = new URL('../contracts', import.meta.url).pathname
let server: TapedeckServer
beforeAll(async () => {
  server = await startServer({ port: 0 })
})
afterAll(() => server.close())

type Pact = {
  provider: { name: string }
  interactions: {
    description: string
    response: { status: number; headers?: Record<string, string[]>; body?: { content?: unknown } }
  }[]
}
const pacts = readdirSync(CONTRACTS)
  .filter((file) => file.endsWith('.json'))
  .map((file) => JSON.parse(readFileSync(`${CONTRACTS}/${file}`, 'utf8')) as Pact)

/** Whether the contract expects a vendor error, in the provider's own scheme's reading. */
function expectsError(provider: string, description: string): boolean {
  const pact = pacts.find((p) => p.provider.name === provider)!
  const interaction = pact.interactions.find((i) => i.description === description)!
  const operation = operations.find((o) => o.provider === provider)!
  const content = interaction.response.body?.content
  const body = typeof content === 'string' ? content : JSON.stringify(content ?? '')
  return !findProtocol(operation.protocol)!.readResponse(
    { status: interaction.response.status, headers: {}, body },
    operation,
  ).ok
}

it('fails every interaction against a provider that answers each call with an error envelope (a wrong secret)', async () => {
  const wrong = Object.fromEntries(
    Object.entries(testCredentials()).map(([kind, c]) => [
      kind,
      c.secret ? { ...c, secret: 'not-the-secret' } : { ...c, keyId: 'not-the-token' },
    ]),
  )
  const report = await verifyProvider({
    providerUrl: server.url,
    contractsDir: CONTRACTS,
    credentials: wrong,
  })
  expect(report.results.length).toBeGreaterThanOrEqual(59)
  expect(report.results.filter((r) => r.status !== 'failed')).toEqual([])
  // The Tencent 3.0 success expects only a RequestId; its contract refuses an Error key (eachKey).
  const sample = report.results.find(
    (r) => r.description === 'ModifyImageAttribute: the documented sample',
  )!
  expect(sample.mismatches.map((m) => `${m.path ?? ''} ${m.message}`).join('\n')).toMatch(
    /Response\.Error/,
  )
  // Without that rule (a contract from elsewhere) Pact alone passes it; verify's own reading fails it.
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-no-rule-'))
  try {
    const file = 'tapedeck-reference-client-tencent-cvm.json'
    const text = readFileSync(join(CONTRACTS, file), 'utf8')
    const pact = JSON.parse(text) as {
      interactions: { response: { matchingRules?: { body?: Record<string, unknown> } } }[]
    }
    for (const interaction of pact.interactions)
      delete interaction.response.matchingRules?.body?.['$.Response']
    writeFileSync(join(dir, file), JSON.stringify(pact))
    const bare = await verifyProvider({
      providerUrl: server.url,
      contractsDir: dir,
      credentials: wrong,
    })
    expect(bare.results.filter((r) => r.status !== 'failed')).toEqual([])
    const caughtHere = bare.results.filter((r) =>
      r.mismatches.some((m) => m.message.includes("Pact's matching alone would have passed it")),
    )
    expect(caughtHere.map((r) => r.description)).toContain(
      'ModifyImageAttribute: the documented sample',
    )
    expect(caughtHere[0]!.mismatches.at(-1)!.message).toMatch(
      /^the provider answered the vendor error \S+ \(HTTP \d+: .+\), where the contract expects a success/,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}, 180_000)

it('fails every error interaction against a provider that answers each call with a success', async () => {
  // In front of serve: the admin API passes through, every vendor call gets its operation's
  // documented success sample.
  const fake = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const url = req.url ?? '/'
    if (url.startsWith('/__tapedeck/')) {
      const answer = await fetch(`${server.url}${url}`, {
        method: req.method!,
        headers: { 'content-type': 'application/json' },
        ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
      })
      return void res.writeHead(answer.status).end(await answer.text())
    }
    const mark = url.indexOf('?')
    const read = readRequest({
      method: req.method!,
      path: mark === -1 ? url : url.slice(0, mark),
      query: mark === -1 ? '' : url.slice(mark + 1),
      headers: req.headers as Record<string, string>,
      body: Buffer.concat(chunks),
    })
    const sample = read?.operation?.samples.find((s) => s.format === read.call.format)
    if (!sample) return void res.writeHead(500).end('no sample')
    res
      .writeHead(sample.status, {
        'content-type': sample.format === 'xml' ? 'text/xml' : 'application/json',
      })
      .end(sample.body)
  })
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve))
  try {
    const report = await verifyProvider({
      providerUrl: `http://127.0.0.1:${(fake.address() as AddressInfo).port}`,
      contractsDir: CONTRACTS,
      credentials: testCredentials(),
    })
    const errors = report.results.filter((r) => expectsError(r.provider, r.description))
    expect(errors.length).toBeGreaterThanOrEqual(30)
    expect(errors.filter((r) => r.status !== 'failed')).toEqual([])
  } finally {
    await new Promise<void>((resolve) => fake.close(() => resolve()))
  }
}, 180_000)

/**
 * The README's Broker recipe, run exactly through the built bin (`npm run build` first) against a
 * local stand-in for the Broker's documented HAL API (NOT a real Pact Broker, which cannot be
 * installed here), and Pact's own verifier against the same stand-in as a check of the stand-in.
 */

import { mkdtempSync, readFileSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Verifier } from '@pact-foundation/pact'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startServer } from '../src/server/index.ts'
import { useBin } from './support/run-cli.ts'
import { type StandInPact, startBrokerStandIn } from './support/start-broker-stand-in.ts'

const run = useBin()
const ROOT = join(import.meta.dirname, '..')
type Pact = StandInPact['content'] & {
  interactions: { description: string; response: { body?: { content?: unknown } } }[]
}
const contract = JSON.parse(
  readFileSync(join(ROOT, 'contracts', 'tapedeck-reference-client-alibaba-vod.json'), 'utf8'),
) as Pact

// A work-in-progress pact the provider does not satisfy: one success interaction expects a field
// the provider never sends.
const wipContent = structuredClone(contract)
const changed = wipContent.interactions.find((i) =>
  /"NonExistImageIds"/.test(JSON.stringify(i.response.body?.content ?? '')),
)!
changed.description = `WIP: ${changed.description} with a field nobody sends`
;(changed.response.body!.content as Record<string, unknown>)['FieldNobodySends'] = 'x'

const main: StandInPact = { content: contract, consumerVersion: 'c-100', branch: 'main' }
const wip: StandInPact = {
  content: wipContent,
  consumerVersion: 'c-101',
  branch: 'feat-x',
  wip: true,
}
const stale: StandInPact = { content: contract, consumerVersion: 'c-090', branch: 'old-feature' }

/** The recipe's two commands from the README, as argument lists, with the variables it uses set. */
function recipe(env: Record<string, string>): { serve: string[]; verify: string[] } {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const block = readme.match(
    /<!-- broker-recipe -->\n```sh\n([\s\S]*?)```\n<!-- \/broker-recipe -->/,
  )![1]!
  const [serveLine, verifyLine] = block
    .replace(/\\\n\s*/g, '')
    .trim()
    .split('\n')
  const words = (line: string) =>
    [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map(
      ([, single, double, bare]) =>
        single ?? (double ?? bare!).replace(/\$(\w+)/g, (_m, name: string) => env[name] ?? ''),
    )
  return {
    serve: words(serveLine!.replace(/ &$/, '')).slice(2),
    verify: words(verifyLine!).slice(2),
  }
}

let broker: Awaited<ReturnType<typeof startBrokerStandIn>>
beforeAll(async () => {
  broker = await startBrokerStandIn([main, wip, stale], 'Bearer br0ker-t0ken')
})
afterAll(() => broker.close())

it("runs the README's Broker recipe: selectors, pending and WIP pacts, results and branch published", async () => {
  broker.received.length = 0
  broker.results.length = 0
  const env = {
    PACT_BROKER_BASE_URL: broker.url,
    PACT_BROKER_TOKEN: 'br0ker-t0ken',
    GIT_SHA: 'abc123',
    GIT_BRANCH: 'main',
    TAPEDECK_ADMIN_TOKEN: '',
  }
  const { serve, verify } = recipe(env)
  expect(serve).toEqual(['serve', '--port', '8080', '--quiet'])
  const server = run(
    serve.map((word) => (word === '8080' ? '0' : word)),
    env,
  )
  const [, url] = await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  // From a provider's checkout: no contracts/ folder there, the pacts come from the broker.
  const cli = run(
    verify.map((word) => (word === 'http://127.0.0.1:8080' ? url! : word)),
    env,
    { cwd: mkdtempSync(join(tmpdir(), 'tapedeck-provider-build-')) },
  )
  const code = await cli.exited
  const out = cli.output()
  expect(code, `${out}${cli.errors()}`).toBe(0)
  const total = contract.interactions.length * 2
  expect(out).toContain(`✗ alibaba-vod: ${changed.description} (pending: does not fail the run)`)
  expect(out).toContain(`${total - 1} passed, 0 failed (+1 pending failed), 0 skipped\n`)
  expect(out).toContain(
    `published verification results to ${broker.pactUrl(main)}/verification-results`,
  )
  expect(out + cli.errors()).not.toContain('br0ker-t0ken')

  const asked = broker.received.find((r) => r.method === 'POST')!
  expect(asked).toEqual({
    method: 'POST',
    path: '/pacts/provider/alibaba-vod/for-verification',
    authorization: 'Bearer br0ker-t0ken',
    body: {
      consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
      includePendingStatus: true,
      includeWipPactsSince: '2026-01-01',
      providerVersionBranch: 'main',
      providerVersionTags: [],
    },
  })
  expect(broker.received.every((r) => r.authorization === 'Bearer br0ker-t0ken')).toBe(true)
  // The stale branch's pact matched no selector and is not work in progress: never fetched.
  expect(
    broker.received.some((r) => r.path.endsWith(broker.pactUrl(stale).split('/').at(-1)!)),
  ).toBe(false)
  expect(broker.branches).toEqual(['alibaba-vod@main=abc123', 'alibaba-vod@main=abc123'])
  expect(
    broker.results.map((r) => [r.pact, r.body['success'], r.body['providerApplicationVersion']]),
  ).toEqual([
    [broker.pactUrl(main), true, 'abc123'],
    [broker.pactUrl(wip), false, 'abc123'],
  ])
  const published = broker.results[1]!.body as {
    verifiedBy: { implementation: string }
    testResults: { interactionDescription: string; success: boolean }[]
  }
  expect(published.verifiedBy.implementation).toBe('tapedeck')
  expect(
    published.testResults.filter((t) => !t.success).map((t) => t.interactionDescription),
  ).toEqual([changed.description])
}, 180_000)

it('verifies one pact by --pact-url, fails the run on a failure there, and publishes that failure', async () => {
  broker.results.length = 0
  const server = run(['serve', '--port', '0', '--quiet'], { TAPEDECK_ADMIN_TOKEN: '' })
  const [, url] = await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  const cli = run(
    [
      'verify',
      '--provider-url',
      url!,
      '--pact-url',
      broker.pactUrl(wip),
      '--provider-version',
      'def456',
      '--publish',
    ],
    { PACT_BROKER_TOKEN: 'br0ker-t0ken', TAPEDECK_ADMIN_TOKEN: '' },
  )
  expect(await cli.exited).toBe(1)
  expect(cli.output()).toContain(`✗ alibaba-vod: ${changed.description} (`)
  expect(cli.output()).not.toContain('pending')
  expect(
    broker.results.map((r) => [r.pact, r.body['success'], r.body['providerApplicationVersion']]),
  ).toEqual([[broker.pactUrl(wip), false, 'def456']])
}, 180_000)

it("answers Pact's own verifier (pact_verifier) too, which sets states through serve's endpoint", async () => {
  broker.results.length = 0
  process.env['PACT_DO_NOT_TRACK'] = 'true'
  const server = await startServer({ port: 0, auth: 'off' })
  try {
    await new Verifier({
      provider: 'alibaba-vod',
      providerBaseUrl: server.url,
      providerStatesSetupUrl: `${server.url}/__tapedeck/provider-states`,
      pactBrokerUrl: broker.url,
      pactBrokerToken: 'br0ker-t0ken',
      consumerVersionSelectors: [{ mainBranch: true }],
      enablePending: true,
      includeWipPactsSince: '2026-01-01',
      publishVerificationResult: true,
      providerVersion: 'rust-1',
      providerVersionBranch: 'main',
      logLevel: 'error',
      // pact-js 16.5's verifier proxy parses a form body and does not send it on (the request
      // then hangs until the verifier's 30 s timeout): put the POST form interactions' bodies back.
      requestFilter: ((
        req: IncomingMessage & { body?: unknown },
        _res: unknown,
        next: () => void,
      ) => {
        const form = String(req.headers['content-type']).includes('x-www-form-urlencoded')
        if (form && req.body && typeof req.body === 'object' && !Buffer.isBuffer(req.body))
          req.body = Buffer.from(new URLSearchParams(req.body as Record<string, string>).toString())
        next()
      }) as never,
    }).verifyProvider()
  } finally {
    await server.close()
  }
  expect(
    broker.results.map((r) => [r.pact, r.body['success'], r.body['providerApplicationVersion']]),
  ).toEqual([
    [broker.pactUrl(main), true, 'rust-1'],
    [broker.pactUrl(wip), false, 'rust-1'],
  ])
}, 180_000)

it('authenticates to a Broker with basic auth (PACT_BROKER_USERNAME / PACT_BROKER_PASSWORD)', async () => {
  const basic = await startBrokerStandIn(
    [main],
    `Basic ${Buffer.from('ci:s3cr3t').toString('base64')}`,
  )
  try {
    const server = run(['serve', '--port', '0', '--quiet'], { TAPEDECK_ADMIN_TOKEN: '' })
    const [, url] = await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
    const env = {
      PACT_BROKER_USERNAME: 'ci',
      PACT_BROKER_PASSWORD: 's3cr3t',
      TAPEDECK_ADMIN_TOKEN: '',
    }
    const args = [
      'verify',
      '--provider-url',
      url!,
      '--provider',
      'alibaba-vod',
      '--broker-url',
      basic.url,
    ]
    const cli = run([...args, '--consumer-version-selectors', '{"mainBranch":true}'], env)
    const code = await cli.exited
    expect(code, cli.output() + cli.errors()).toBe(0)
    expect(cli.output()).toMatch(/\n\d+ passed, 0 failed, 0 skipped\n$/)
    expect(cli.output() + cli.errors()).not.toContain('s3cr3t')
    const refused = run(args, { ...env, PACT_BROKER_PASSWORD: 'wrong' })
    expect(await refused.exited).toBe(2)
    expect(refused.errors()).toMatch(
      /^Failed to read the Pact Broker index "http:\/\/127\.0\.0\.1:\d+": HTTP 401: /,
    )
    expect(refused.errors()).not.toContain('wrong')
  } finally {
    await basic.close()
  }
}, 120_000)

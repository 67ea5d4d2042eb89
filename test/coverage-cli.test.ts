/**
 * `tapedeck coverage` through the built CLI (`npm run build` first), as a CI gate: a run whose
 * traffic misses documented errors fails `--min`, the conformance suite's traffic passes it; user
 * mistakes exit 2 with one line.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, expect, it } from 'vitest'
import { operations } from '../src/catalog/index.ts'
import type { Coverage } from '../src/coverage/index.ts'
import { playConformance } from './support/play-conformance.ts'
import { useBin } from './support/run-cli.ts'
import { startTestServer, type TestServer } from './support/start-test-server.ts'

const run = useBin()
const dir = mkdtempSync(join(tmpdir(), 'tapedeck-coverage-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const servers: TestServer[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
})

async function serverWith(traffic: 'conformance' | 'no throttling'): Promise<TestServer> {
  const rateLimits = Object.fromEntries(operations.map((operation) => [operation.id, 0]))
  const server = await startTestServer({ now: Date.now, rateLimits })
  servers.push(server)
  await playConformance(server.url, (scenario) => traffic === 'conformance' || !scenario.throttle)
  return server
}

it('fails --min when the traffic missed a documented error, and passes after the conformance suite', async () => {
  const [partial, full] = [await serverWith('no throttling'), await serverWith('conformance')]
  const json = run(['coverage', '--url', full.url, '--json'])
  expect(await json.exited).toBe(0)
  const report = JSON.parse(json.output()) as Coverage
  const min = report.percent
  expect(min).toBeGreaterThan(40)
  expect(min).toBeLessThan(100)

  const failing = run(['coverage', '--url', partial.url, '--min', String(min)])
  expect(await failing.exited).toBe(1)
  expect(failing.output()).toMatch(/not exercised: .*error Throttling\.User/)
  expect(failing.output()).toContain(`FAIL: coverage `)
  expect(failing.output()).toContain(`is under the minimum ${min}%.`)

  const junit = join(dir, 'coverage.xml')
  const passing = run(['coverage', '--url', full.url, '--min', String(min), '--junit', junit])
  expect(await passing.exited).toBe(0)
  expect(passing.output()).toMatch(/^Coverage of the documented surface: [\d.]+% \(\d+ of \d+\)$/m)
  expect(passing.output()).toContain(`Minimum ${min}% met.`)
  const xml = readFileSync(junit, 'utf8')
  expect(xml).toContain('<testsuite name="tapedeck coverage"')
  expect(xml).toContain('failures="0"')
  expect(xml).toContain(`name="coverage ${min}% at least ${min}%"`)
}, 60_000)

it('user mistakes exit 2 with one line naming the option', async () => {
  const cases: [string[], RegExp][] = [
    [['coverage', '--url', 'nope'], /"--url": expected an http\(s\) URL/],
    [['coverage', '--url', 'http://127.0.0.1:9', '--min', '120'], /"--min": expected a percentage/],
    [
      ['coverage', '--url', 'http://127.0.0.1:1'],
      /"--url": no server answered at http:\/\/127\.0\.0\.1:1/,
    ],
    [['coverage'], /Missing required argument: url/],
  ]
  for (const [args, message] of cases) {
    const cli = run(args)
    expect([args.join(' '), await cli.exited]).toEqual([args.join(' '), 2])
    expect(cli.errors()).toMatch(message)
    expect(cli.errors().trim().split('\n')).toHaveLength(1)
  }
  const guarded = await startTestServer({ adminToken: 'coverage-token-99' })
  servers.push(guarded)
  const refused = run(['coverage', '--url', guarded.url])
  expect(await refused.exited).toBe(2)
  expect(refused.errors()).toMatch(/"--admin-token": .* asks for its admin token/)
  const allowed = run(['coverage', '--url', guarded.url], {
    TAPEDECK_ADMIN_TOKEN: 'coverage-token-99',
  })
  expect(await allowed.exited).toBe(0)
})

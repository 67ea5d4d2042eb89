/**
 * `tapedeck verify` through the built bin (`npm run build` first): a dead provider, the admin
 * token, and the output (one line per interaction as it completes, a summary, Pact's own output
 * only with --verbose, no colour when piped).
 */
import { spawnSync } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { useBin } from './support/run-cli.ts'

const run = useBin()
const CONTRACTS = join(import.meta.dirname, '..', 'contracts')
const NO_TOKEN = { TAPEDECK_ADMIN_TOKEN: '' }
/** `tapedeck verify` of one provider's contracts against a provider URL. */
const verifyArgs = (url: string, provider: string) => [
  'verify',
  '--provider-url',
  url,
  '--contracts',
  CONTRACTS,
  '--provider',
  provider,
]

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

it('fails at once against an unreachable provider, in one line naming the URL', async () => {
  const url = `http://127.0.0.1:${await closedPort()}`
  const started = performance.now()
  const cli = run(['verify', '--provider-url', url, '--contracts', CONTRACTS], NO_TOKEN)
  expect(await cli.exited).toBe(2)
  const elapsed = performance.now() - started
  expect(cli.errors()).toBe(
    `Failed to reach the provider "${url}": connection refused (ECONNREFUSED): nothing listens there; start it or fix --provider-url\n`,
  )
  expect(cli.output()).toBe('')
  // Process start-up included; the old code waited ~30 s per state here. Measured: ~0.5 s.
  expect(elapsed).toBeLessThan(10_000)
}, 30_000)

it('needs the admin token of a tapedeck provider that has one, from --admin-token or TAPEDECK_ADMIN_TOKEN', async () => {
  const server = run(['serve', '--port', '0', '--quiet', '--admin-token', 'adm1n-t0ken'])
  const [, url] = await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  const args = verifyArgs(url!, 'tencent-cvm')
  const without = run(args, NO_TOKEN)
  expect(await without.exited).toBe(2)
  expect(without.errors()).toBe(
    `Failed to use option "--admin-token": the tapedeck provider "${url}" requires its admin token to set provider states; give --admin-token or TAPEDECK_ADMIN_TOKEN\n`,
  )
  const wrong = run([...args, '--admin-token', 'guess'], NO_TOKEN)
  expect(await wrong.exited).toBe(2)
  expect(wrong.errors()).toContain('refused the admin token given')
  expect(wrong.errors()).not.toContain('guess')
  const flag = run([...args, '--admin-token', 'adm1n-t0ken'], NO_TOKEN)
  expect(await flag.exited).toBe(0)
  expect(flag.output()).toMatch(/\n8 passed, 0 failed, 0 skipped\n$/)
  const env = run(args, { TAPEDECK_ADMIN_TOKEN: 'adm1n-t0ken' })
  expect(await env.exited).toBe(0)
  expect(env.output()).toMatch(/\n8 passed, 0 failed, 0 skipped\n$/)
  expect(env.output()).not.toContain('adm1n-t0ken')
}, 120_000)

it('prints one plain line per interaction as each completes, then the summary; Pact output only with --verbose', async () => {
  const server = run(['serve', '--port', '0', '--quiet'])
  const [, url] = await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  const args = verifyArgs(url!, 'alibaba-ice')
  const cli = run(args, NO_TOKEN)
  // Result lines arrive while the run goes on, not all at the end.
  const arrivals: number[] = []
  cli.child.stdout!.on('data', (chunk: Buffer) => {
    if (/\[\s*\d+\/\d+\]/.test(chunk.toString())) arrivals.push(performance.now())
  })
  expect(await cli.exited).toBe(0)
  const lines = cli.output().trimEnd().split('\n')
  const results = lines.filter((line) => /^\[\s*\d+\/\d+\] /.test(line))
  expect(results.length).toBeGreaterThanOrEqual(4)
  for (const line of results) expect(line).toMatch(/^\[\s*\d+\/\d+\] ✓ alibaba-ice: .+ \(\d+ ms\)$/)
  expect(lines.at(-1)).toBe(`${results.length} passed, 0 failed, 0 skipped`)
  expect(cli.output()).not.toContain('\x1b[')
  expect(cli.output()).not.toContain('Verifying a pact between')
  expect(arrivals.length).toBeGreaterThan(1)
  const verbose = run([...args, '--verbose'], NO_TOKEN)
  expect(await verbose.exited).toBe(0)
  expect(verbose.output()).toContain('Verifying a pact between')
}, 120_000)

const hasScript = spawnSync('script', ['--version']).status === 0
it.skipIf(!hasScript)(
  'shows a progress line and colour on a terminal (a pty from util-linux script)',
  async () => {
    const server = run(['serve', '--port', '0', '--quiet'])
    const [, url] = await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
    const bin = join(import.meta.dirname, '..', 'bin', 'tapedeck.js')
    const command = [process.execPath, bin, 'verify', '--provider-url', url!]
      .concat(['--contracts', CONTRACTS, '--provider', 'alibaba-ice'])
      .join(' ')
    const tty = spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], {
      encoding: 'utf8',
      env: { ...process.env, TAPEDECK_ADMIN_TOKEN: '', NO_COLOR: '' },
    })
    expect(tty.status).toBe(0)
    expect(tty.stdout).toContain('… verifying 1/')
    expect(tty.stdout).toContain('\r\x1b[2K')
    expect(tty.stdout).toContain('] \x1b[32m✓\x1b[0m alibaba-ice: ')
  },
  120_000,
)

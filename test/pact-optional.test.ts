/**
 * `@pact-foundation/pact` is an optional peer dependency: the built CLI (`npm run build` first),
 * installed where no Pact exists, serves, and `contracts` / `verify` say in one line how to install
 * it. Faithful to an install without the peer: the published files (`dist`, `bin`, `package.json`)
 * copied to a folder with no node_modules anywhere above it (the bundle holds every other
 * dependency; Pact stays external).
 */
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..')
const install = mkdtempSync(join(tmpdir(), 'tapedeck-no-pact-'))
for (const part of ['dist', 'bin', 'package.json'])
  cpSync(join(ROOT, part), join(install, part), { recursive: true })
const BIN = join(install, 'bin', 'tapedeck.js')
afterAll(() => rmSync(install, { recursive: true, force: true }))

const says = (command: string) =>
  `Failed to run "tapedeck ${command}": it needs @pact-foundation/pact, an optional peer dependency that is not installed; run "npm install --save-dev @pact-foundation/pact"\n`

it('finds no Pact from the copied install (the test would prove nothing otherwise)', () => {
  for (let dir = install; dir !== dirname(dir); dir = dirname(dir))
    expect(existsSync(join(dir, 'node_modules', '@pact-foundation', 'pact'))).toBe(false)
})

it('serves without Pact, and verify and contracts say how to install it (exit 2)', async () => {
  const env = { ...process.env, TAPEDECK_ADMIN_TOKEN: '' }
  const serve = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--quiet'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  })
  try {
    let out = ''
    const url = await new Promise<string>((resolve, reject) => {
      serve.stdout!.on('data', (chunk) => {
        out += chunk
        const found = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
        if (found) resolve(found[1]!)
      })
      serve.on('exit', (code) => reject(new Error(`serve exited ${code}`)))
    })
    expect(await (await fetch(`${url}/__tapedeck/health`)).json()).toEqual({ status: 'ok' })
    const verify = spawnSync(process.execPath, [BIN, 'verify', '--provider-url', url], {
      env,
      encoding: 'utf8',
    })
    expect([verify.status, verify.stderr, verify.stdout]).toEqual([2, says('verify'), ''])
    const contracts = spawnSync(
      process.execPath,
      [BIN, 'contracts', '--dir', join(install, 'out')],
      { env, encoding: 'utf8' },
    )
    expect([contracts.status, contracts.stderr]).toEqual([2, says('contracts')])
  } finally {
    serve.kill('SIGKILL')
  }
}, 60_000)

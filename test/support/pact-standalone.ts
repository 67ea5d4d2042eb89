import { type ChildProcess, spawn } from 'node:child_process'
import { createRequire } from 'node:module'

/**
 * Pact's own standalone tools (`@pact-foundation/pact-cli`, a pinned devDependency whose binary
 * ships inside an npm package): the stub server and the provider verifier, run as processes, never
 * through tapedeck's code.
 */
const require = createRequire(import.meta.url)
const { standalone } = require('@pact-foundation/pact-cli/src/pact-standalone.js') as {
  standalone: () => { pactFullPath: string }
}
const PACT = standalone().pactFullPath

const quiet = { ...process.env, PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1' }

export type PactStub = { url: string; close(): Promise<void> }

/** `pact stub -d DIR …` on a port the OS picks, with no other flag; resolves once it listens. */
export async function startPactStub(dirs: readonly string[]): Promise<PactStub> {
  const child = spawn(PACT, ['stub', ...dirs.flatMap((dir) => ['-d', dir]), '-l', 'info'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: quiet,
  })
  let log = ''
  const port = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      log += chunk
      const found = /Server started on port (\d+)/.exec(log)
      if (found) resolve(found[1]!)
    }
    child.stdout!.on('data', read)
    child.stderr!.on('data', read)
    child.once('exit', (code) => reject(new Error(`pact stub exited ${code}: ${log}`)))
  })
  return { url: `http://127.0.0.1:${port}`, close: () => stop(child) }
}

export type VerifierRun = { code: number | null; output: string }

/** `pact verifier ARGS…` to completion (no colour); its exit code and everything it printed. */
export function runPactVerifier(args: readonly string[]): Promise<VerifierRun> {
  const child = spawn(PACT, ['verifier', '--no-colour', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: quiet,
  })
  let output = ''
  child.stdout!.on('data', (chunk) => {
    output += chunk
  })
  child.stderr!.on('data', (chunk) => {
    output += chunk
  })
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })))
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill()
  })
}

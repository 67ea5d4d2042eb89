import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterEach } from 'vitest'

const MAIN = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts')
// The real bin, compiled by `npm run build` (which `npm ci` runs through `prepare`).
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'tapedeck.js')

export type RunningCli = {
  child: ChildProcess
  exited: Promise<number | null>
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>
  output(): string
  errors(): string
}

/**
 * Runs the CLI with extra environment variables (and in `cwd`, when given): from source through tsx
 * (no build needed), or, with `bin`, the compiled bin exactly as users run it.
 */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  { bin = false, cwd }: { bin?: boolean; cwd?: string } = {},
): RunningCli {
  const command = bin ? [BIN, ...args] : ['--import', 'tsx', MAIN, ...args]
  const child = spawn(process.execPath, command, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
    ...(cwd ? { cwd } : {}),
  })
  let out = ''
  let err = ''
  child.stdout!.on('data', (chunk) => {
    out += chunk
  })
  child.stderr!.on('data', (chunk) => {
    err += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return {
    child,
    exited,
    async waitFor(pattern) {
      while (!pattern.test(out)) {
        if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${err}`)
        await new Promise((resolve) => {
          child.stdout!.once('data', resolve)
          child.once('exit', resolve)
        })
      }
      return out.match(pattern)!
    },
    output: () => out,
    errors: () => err,
  }
}

/**
 * Runs the compiled bin as users do after `npm ci`, for one test file: every process it starts is
 * killed after each test.
 */
export function useBin(): (
  args: string[],
  env?: Record<string, string>,
  options?: { cwd?: string },
) => RunningCli {
  const children: RunningCli[] = []
  afterEach(() => {
    for (const cli of children.splice(0)) cli.child.kill('SIGKILL')
  })
  return (args, env = {}, options = {}) => {
    const cli = runCli(args, env, { bin: true, ...options })
    children.push(cli)
    return cli
  }
}

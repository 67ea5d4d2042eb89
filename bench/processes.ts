import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs'
import { type Agent, request as httpRequest } from 'node:http'
import { createServer } from 'node:net'
import type { LoadRequest } from './bench-request.ts'

/** A server process the benchmark started (and must stop). */
export type Running = {
  child: ChildProcess
  pid: number
  logFile: string
  exitCode(): number | null
}

/** True when `command` is on the PATH. */
export function hasCommand(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Runs `command` on one CPU core (through taskset when `core` is given), output to `logFile`. */
export function spawnPinned(
  command: string,
  args: readonly string[],
  options: { core: string | undefined; logFile: string; cwd: string; env?: NodeJS.ProcessEnv },
): Running {
  const out = openSync(options.logFile, 'a')
  const [file, argv] =
    options.core === undefined
      ? [command, args]
      : ['taskset', ['-c', options.core, command, ...args]]
  const child = spawn(file, argv, {
    cwd: options.cwd,
    stdio: ['ignore', out, out],
    ...(options.env ? { env: options.env } : {}),
  })
  closeSync(out)
  let code: number | null = null
  child.on('exit', (exitCode, signal) => {
    code = exitCode ?? (signal ? 128 : 1)
  })
  return { child, pid: child.pid!, logFile: options.logFile, exitCode: () => code }
}

/** A free TCP port on 127.0.0.1 (bound, then released for the server about to start). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/**
 * Sends one request, on a fresh connection or on `agent`'s kept-alive one; rejects on a
 * connection error or after `timeoutMs`.
 */
export function send(
  port: number,
  load: LoadRequest,
  { agent = false, timeoutMs = 5000 }: { agent?: Agent | false; timeoutMs?: number } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: load.method,
        path: load.path,
        headers: load.headers,
        agent,
      },
      (incoming) => {
        const chunks: Buffer[] = []
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
        incoming.on('error', reject)
      },
    )
    outgoing.setTimeout(timeoutMs, () => outgoing.destroy(new Error('timed out')))
    outgoing.on('error', reject)
    outgoing.end(load.body)
  })
}

/**
 * Polls until the server answers `load` with a 200 and returns the time since `startedAt`
 * (cold start). Fails when the process exits, answers anything else, or `timeoutMs` passes.
 */
export async function waitForFirst200(
  running: Running,
  port: number,
  load: () => LoadRequest,
  startedAt: number,
  timeoutMs: number,
): Promise<{ coldStartMs: number; body: string }> {
  while (performance.now() - startedAt < timeoutMs) {
    if (running.exitCode() !== null)
      throw new Error(`exited with code ${running.exitCode()}: ${tail(running.logFile)}`)
    try {
      const answer = await send(port, load())
      const coldStartMs = performance.now() - startedAt
      if (answer.status !== 200)
        throw new Error(`answered ${answer.status}: ${answer.body.slice(0, 200)}`)
      return { coldStartMs, body: answer.body }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'ECONNREFUSED' && code !== 'ECONNRESET') throw error
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }
  throw new Error(`gave no 200 within ${timeoutMs} ms: ${tail(running.logFile)}`)
}

/** Resident memory of a process and all its descendants, bytes (Linux /proc); undefined if gone. */
export function rssOfTree(pid: number): number | undefined {
  const status = `/proc/${pid}/status`
  if (!existsSync(status)) return undefined
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(status, 'utf8'))
  let total = match ? Number(match[1]) * 1024 : 0
  for (const child of childrenOf(pid)) total += rssOfTree(child) ?? 0
  return total
}

function childrenOf(pid: number): number[] {
  const out: number[] = []
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const list = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim()
      if (list) out.push(...list.split(/\s+/).map(Number))
    }
  } catch {
    // The process ended while being read: it has no children left to count.
  }
  return out
}

/**
 * Freezes (`SIGSTOP`) or thaws (`SIGCONT`) a server and every process it started. An idle server
 * still runs timers, JIT and GC threads (a JVM most of all) on the pinned core; frozen, it cannot
 * take time from the one being measured.
 */
export function signalTree(pid: number, signal: 'SIGSTOP' | 'SIGCONT'): void {
  for (const child of childrenOf(pid)) signalTree(child, signal)
  try {
    process.kill(pid, signal)
  } catch {
    // Already gone: nothing to freeze or thaw.
  }
}

/** Stops a server: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopProcess(running: Running, graceMs = 3000): Promise<void> {
  if (running.exitCode() !== null) return
  const exited = new Promise((resolve) => running.child.once('exit', resolve))
  running.child.kill('SIGTERM')
  const timer = setTimeout(() => running.child.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}

/** The last lines of a log file, on one line, for an error message. */
export function tail(file: string, lines = 5): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join(' ⏎ ').slice(-600)
  } catch {
    return '(no output)'
  }
}

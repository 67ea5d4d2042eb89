import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { TapedeckError } from '../errors.ts'
import { type ClientAnswer, parseClientAnswer, type ScenarioMessage } from './client-protocol.ts'

/** A client command that cannot serve the protocol: not startable, no JSON, or too slow. */
export class ClientProcessError extends TapedeckError {
  constructor(command: string, reason: string) {
    super('E_CLIENT', `Failed to run client "${command}": ${reason}`)
    this.name = 'ClientProcessError'
  }
}

export type ProcessClientOptions = {
  command: string
  /** One process for the whole run, one scenario per line (default: one process per scenario). */
  persistent?: boolean
  /** Per scenario, ms (default 10 000); the process is killed when it runs out. */
  timeoutMs?: number
  /** Environment for the process (endpoint and credentials), per scenario in process mode. */
  env: (message: ScenarioMessage, mode: 'process' | 'persistent') => Record<string, string>
  cwd?: string
}

/**
 * Runs a client command through the shell: a fresh process per scenario (the message on stdin, then
 * EOF), or one persistent process that answers one line per line. stdout lines that are not an
 * answer are skipped (SDK loggers write there); stderr is kept for the error message.
 */
export function createProcessClient(options: ProcessClientOptions) {
  const timeoutMs = options.timeoutMs ?? 10_000
  let persistent: ReturnType<typeof startChild> | undefined

  function startChild(env: Record<string, string>) {
    const child = spawn(options.command, {
      shell: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
      ...(options.cwd ? { cwd: options.cwd } : {}),
      detached: process.platform !== 'win32',
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000)
    })
    child.stdin.on('error', () => {
      // EPIPE when the child exits early; reported through its exit below.
    })
    const answers: ClientAnswer[] = []
    let waiting: ((answer: ClientAnswer | Error) => void) | undefined
    let ended: Error | undefined
    const settle = (value: ClientAnswer | Error) => {
      const resolve = waiting
      waiting = undefined
      resolve?.(value)
    }
    createInterface({ input: child.stdout }).on('line', (line) => {
      const answer = parseClientAnswer(line)
      if (!answer) return
      if (waiting) settle(answer)
      else answers.push(answer)
    })
    const fail = (reason: string) => {
      ended ??= new ClientProcessError(
        options.command,
        `${reason}${stderr ? `; stderr: ${stderr.trim()}` : ''}`,
      )
      settle(ended)
    }
    child.on('error', (error) => fail(`cannot start (${error.message})`))
    child.on('close', (code, signal) =>
      // Let the last stdout line be read before the exit is judged.
      setImmediate(() =>
        fail(`exited (${signal ?? `code ${code}`}) without printing a JSON answer`),
      ),
    )
    return {
      send(message: ScenarioMessage): Promise<ClientAnswer> {
        const ready = answers.shift()
        if (ready) return Promise.resolve(ready)
        if (ended) return Promise.reject(ended)
        return new Promise((resolve, reject) => {
          const timer = setTimeout(() => {
            kill()
            fail(`no answer to scenario "${message.id}" within ${timeoutMs} ms (process killed)`)
          }, timeoutMs)
          waiting = (value) => {
            clearTimeout(timer)
            value instanceof Error ? reject(value) : resolve(value)
          }
          child.stdin.write(`${JSON.stringify(message)}\n`)
          if (!options.persistent) child.stdin.end()
        })
      },
      kill,
    }
    function kill() {
      if (child.exitCode !== null || child.signalCode !== null) return
      try {
        // The shell's whole process group, so a grandchild cannot linger.
        if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL')
        else child.kill('SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
    }
  }

  return {
    async call(message: ScenarioMessage): Promise<ClientAnswer> {
      if (!options.persistent) {
        const child = startChild(options.env(message, 'process'))
        try {
          return await child.send(message)
        } finally {
          child.kill()
        }
      }
      persistent ??= startChild(options.env(message, 'persistent'))
      return persistent.send(message)
    },
    close(): void {
      persistent?.kill()
      persistent = undefined
    },
  }
}

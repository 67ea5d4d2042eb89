import { fork } from 'node:child_process'
import { TapedeckError } from '../errors.ts'
import type { InteractionResult, VerifyOptions, VerifyReport } from '../pact/index.ts'

/** Set in the process that runs Pact (whose native verifier writes to stdout): it reports over IPC. */
const WORKER_ENV = 'TAPEDECK_VERIFY_WORKER'

export type WorkerMessage =
  | { kind: 'start'; total: number }
  | { kind: 'result'; result: InteractionResult; index: number; total: number }
  | { kind: 'done'; report: VerifyReport }
  | { kind: 'error'; code: string; message: string }

/** True in the child process `runInWorker` started. */
export function isVerifyWorker(): boolean {
  return process.env[WORKER_ENV] === '1' && process.send !== undefined
}

/** In the worker: verify, reporting each result over IPC; errors go the same way. */
export async function runAsWorker(
  verify: (options: VerifyOptions) => Promise<VerifyReport>,
  options: VerifyOptions,
): Promise<void> {
  const send = (message: WorkerMessage) =>
    new Promise<void>((resolve) => process.send!(message, () => resolve()))
  const pending: Promise<void>[] = []
  try {
    const report = await verify({
      ...options,
      onStart: (total) => void pending.push(send({ kind: 'start', total })),
      onResult: (result, index, total) =>
        void pending.push(send({ kind: 'result', result, index, total })),
    })
    await Promise.all(pending)
    await send({ kind: 'done', report })
  } catch (error) {
    await Promise.all(pending)
    const code = error instanceof TapedeckError ? error.code : 'E_INTERNAL'
    const message =
      error instanceof TapedeckError
        ? error.message
        : `Failed to verify: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
    await send({ kind: 'error', code, message })
  }
  process.disconnect()
}

/**
 * Runs this same command in a child process (Pact's native verifier writes its own report to the
 * process's stdout, which only a child can keep away from ours) and hands over each message.
 */
export function runInWorker(verbose: boolean, onMessage: (message: WorkerMessage) => void) {
  return new Promise<VerifyReport>((resolve, reject) => {
    const child = fork(process.argv[1]!, process.argv.slice(2), {
      execArgv: process.execArgv,
      env: { ...process.env, [WORKER_ENV]: '1' },
      stdio: ['ignore', verbose ? 'inherit' : 'pipe', verbose ? 'inherit' : 'pipe', 'ipc'],
    })
    let stderr = ''
    child.stdout?.resume()
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000)
    })
    let settled = false
    child.on('message', (message: WorkerMessage) => {
      if (message.kind === 'done') {
        settled = true
        resolve(message.report)
      } else if (message.kind === 'error') {
        settled = true
        reject(
          message.code === 'E_INTERNAL'
            ? new Error(message.message)
            : new TapedeckError(message.code, message.message),
        )
      } else onMessage(message)
    })
    child.on('exit', (code, signal) => {
      if (!settled)
        reject(
          new Error(
            `Failed to verify: the verifier process ended (${signal ?? `exit code ${code}`}) before reporting${stderr ? `: ${stderr.trim()}` : ''}`,
          ),
        )
    })
  })
}

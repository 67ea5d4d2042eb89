import { existsSync, statSync } from 'node:fs'
import { Agent } from 'node:http'
import { connect } from 'node:net'
import { join } from 'node:path'
import { testCredentials } from '../src/client/index.ts'
import { benchRequest } from './bench-request.ts'
import {
  freePort,
  type Running,
  rssOfTree,
  send,
  spawnPinned,
  stopProcess,
  tail,
  waitForFirst200,
} from './processes.ts'

/** What the recording run found: ms per interaction at the start and at the end, and the fold. */
export type RecordingMeasured = {
  count: number
  /** Interactions in each timed window (1,000, or half the count when it is smaller). */
  window: number
  /** Mean ms per interaction over interactions 1 … window. */
  firstMs?: number
  /** Mean ms per interaction over the last `window` interactions. */
  lastMs?: number
  totalMs?: number
  /** SIGTERM to exit: the fold of the journal into the tape. */
  foldMs?: number
  tapeBytes?: number
  /** The recorder's RSS before it was stopped. */
  rssBytes?: number
  unavailable?: string
}

export type RecordingOptions = {
  count: number
  root: string
  dir: string
  /** The core the servers run on (taskset), the client staying on the bench's own. */
  core: string | undefined
  log: (line: string) => void
}

/**
 * Measures `tapedeck record` in front of `tapedeck serve`, both built CLIs: one sequential client
 * (keep-alive) sends `count` freshly signed benchmark calls through the recorder, which re-signs
 * each for serve with the environment's credentials, records it and answers. Reports the mean ms
 * per interaction over the first and the last 1,000, the total, and the fold at SIGTERM.
 */
export async function measureRecording(options: RecordingOptions): Promise<RecordingMeasured> {
  const { count, root, dir, log } = options
  const window = Math.min(1_000, Math.floor(count / 2))
  const measured: RecordingMeasured = { count, window }
  const bin = join(root, 'bin', 'tapedeck.js')
  const tape = join(dir, 'recorded.har')
  const credentials = testCredentials().tencent
  const servePort = await freePort()
  const serve = spawnPinned(
    process.execPath,
    [bin, 'serve', '--port', String(servePort), '--quiet'],
    { core: options.core, logFile: join(dir, 'serve.log'), cwd: root },
  )
  let recorder: Running | undefined
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  try {
    await waitForFirst200(
      serve,
      servePort,
      () => benchRequest(servePort),
      performance.now(),
      10_000,
    )
    const port = await freePort()
    recorder = spawnPinned(
      process.execPath,
      [
        bin,
        'record',
        '--upstream',
        `http://127.0.0.1:${servePort}`,
        '--tape',
        tape,
        '--dir',
        dir,
        '--port',
        String(port),
        '--quiet',
      ],
      {
        core: options.core,
        logFile: join(dir, 'record.log'),
        cwd: root,
        env: {
          ...process.env,
          TAPEDECK_TENCENT_SECRET_ID: credentials.keyId,
          TAPEDECK_TENCENT_SECRET_KEY: credentials.secret,
        },
      },
    )
    await waitForPort(recorder, port, 10_000)
    const times = new Float64Array(count)
    const started = performance.now()
    for (let i = 0; i < count; i++) {
      const load = benchRequest(port)
      const before = performance.now()
      const answer = await send(port, load, { agent, timeoutMs: 10_000 })
      times[i] = performance.now() - before
      if (answer.status !== 200 || !answer.body.startsWith('{"Response":{"RequestId"'))
        throw new Error(
          `interaction ${i + 1} answered ${answer.status}: ${answer.body.slice(0, 200)}`,
        )
      if ((i + 1) % 10_000 === 0)
        log(
          `record: ${i + 1} interactions, last 1,000 at ${mean(times, i - 999, i + 1).toFixed(2)} ms`,
        )
    }
    measured.totalMs = performance.now() - started
    measured.firstMs = mean(times, 0, window)
    measured.lastMs = mean(times, count - window, count)
    agent.destroy()
    const rss = rssOfTree(recorder.pid)
    if (rss !== undefined) measured.rssBytes = rss
    const stopping = performance.now()
    await stopProcess(recorder, 600_000)
    measured.foldMs = performance.now() - stopping
    if (recorder.exitCode() !== 0)
      throw new Error(`the recorder exited ${recorder.exitCode()}: ${tail(recorder.logFile)}`)
    if (existsSync(`${tape}.journal`)) throw new Error('the journal was not folded at SIGTERM')
    measured.tapeBytes = statSync(tape).size
  } catch (error) {
    measured.unavailable = `failed: ${(error as Error).message}`
    log(`record: ${measured.unavailable}`)
  } finally {
    agent.destroy()
    if (recorder) await stopProcess(recorder)
    await stopProcess(serve)
  }
  return measured
}

function mean(values: Float64Array, from: number, to: number): number {
  let sum = 0
  for (let i = from; i < to; i++) sum += values[i]!
  return sum / (to - from)
}

/** Polls until `port` accepts a connection (a request would be recorded). */
async function waitForPort(running: Running, port: number, timeoutMs: number): Promise<void> {
  const started = performance.now()
  while (performance.now() - started < timeoutMs) {
    if (running.exitCode() !== null)
      throw new Error(`exited with code ${running.exitCode()}: ${tail(running.logFile)}`)
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (open) return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`did not listen within ${timeoutMs} ms: ${tail(running.logFile)}`)
}

// `npm run bench`: the floor, tapedeck and the peers, started side by side and loaded in turns.
// Every server runs on core 0 and the load generator on core 1 (taskset), all on 127.0.0.1, and each
// burst is bounded in time; the run stops by itself. Progress goes to stderr, the tables to stdout.
import { execFile, execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { benchRequest } from './bench-request.ts'
import { type Generator, runLoad } from './load.ts'
import { measureRecording, type RecordingMeasured } from './measure-recording.ts'
import { BENCH_USAGE, type BenchOptions, parseBenchArgs } from './parse-bench-args.ts'
import {
  freePort,
  hasCommand,
  type Running,
  rssOfTree,
  signalTree,
  spawnPinned,
  stopProcess,
  waitForFirst200,
} from './processes.ts'
import { type Measured, renderReport } from './render-report.ts'
import { rotate, type Sample } from './stats.ts'
import {
  floorTarget,
  netFloorTarget,
  peerTargets,
  replayTarget,
  selectTargets,
  serveTarget,
  type Target,
} from './targets.ts'

const compiled = dirname(fileURLToPath(import.meta.url))
const root = resolve(compiled, '..', '..', '..', '..')
const options = readOptions(process.argv.slice(2))
const log = (line: string) => process.stderr.write(`bench: ${line}\n`)

const pinned = hasCommand('taskset')
const serverCore = pinned ? '0' : undefined
const loadCore = pinned ? '1' : undefined
if (pinned) execFileSync('taskset', ['-a', '-cp', '1', String(process.pid)], { stdio: 'ignore' })
const generator: Generator = options.generator ?? (hasCommand('wrk') ? 'wrk' : 'autocannon')
if (generator === 'wrk' && !hasCommand('wrk'))
  refuse(
    new Error(
      'Failed to find "wrk": install it with `apt-get install -y wrk`, or drop --generator',
    ),
  )
if (!options.generator && generator === 'autocannon')
  log('wrk not found (apt-get install -y wrk): falling back to autocannon, which saturates sooner')

const loadBefore = loadavg()[0]!
const FALLBACK_BODY = '{"Response":{"RequestId":"00000000-0000-4000-8000-000000000000"}}'
let fixed = { body: FALLBACK_BODY, contentType: 'application/json' }

// `record` names the recording measurement, not a load target; `--only record` runs no load target.
const RECORD = 'record'
const loadIds = options.only?.filter((id) => id !== RECORD)
const targets: Target[] = (() => {
  try {
    return selectTargets(
      [
        serveTarget,
        floorTarget,
        netFloorTarget,
        ...options.replaySizes.map(replayTarget),
        ...peerTargets,
      ],
      loadIds,
    )
  } catch (error) {
    return refuse(error)
  }
})()
if (loadIds?.length === 0) targets.splice(0)
// Made after the options are read: a mistake on the command line leaves nothing behind.
const work = mkdtempSync(join(tmpdir(), 'tapedeck-bench-'))

type Live = { target: Target; running: Running; port: number; measured: Measured }
const live: Live[] = []
const results: Measured[] = []

try {
  // Start one at a time, so each cold start has core 0 to itself.
  for (const target of targets) {
    const dir = join(work, target.id)
    mkdirSync(dir)
    const port = await freePort()
    const measured: Measured = { target, samples: [] }
    results.push(measured)
    const launch = target.launch({ port, root, compiled, dir, ...fixed })
    if ('unavailable' in launch) {
      measured.unavailable = launch.unavailable
      log(`${target.id}: ${launch.unavailable}`)
      continue
    }
    if (launch.command === 'java' && !hasCommand('java')) {
      measured.unavailable = 'n/a: java not found (WireMock needs Java 11+)'
      continue
    }
    log(`${target.id}: starting on 127.0.0.1:${port}`)
    const startedAt = performance.now()
    const running = spawnPinned(launch.command, launch.args, {
      core: serverCore,
      logFile: join(dir, 'server.log'),
      cwd: root,
    })
    try {
      const first = await waitForFirst200(
        running,
        port,
        () => benchRequest(port),
        startedAt,
        target.startTimeoutMs,
      )
      measured.coldStartMs = first.coldStartMs
      const tape = join(dir, 'tape.har')
      if (existsSync(tape)) measured.tapeBytes = statSync(tape).size
      if (target.id === 'serve') fixed = { body: first.body, contentType: 'application/json' }
      checkBody(target, first.body)
      live.push({ target, running, port, measured })
      // Frozen until measured, so the next cold start has core 0 to itself.
      signalTree(running.pid, 'SIGSTOP')
    } catch (error) {
      measured.unavailable = `failed to start: ${(error as Error).message}`
      log(`${target.id}: ${measured.unavailable}`)
      await stopProcess(running)
    }
  }

  const burst = (entry: Live, seconds: number): Promise<Sample> =>
    runLoad({
      generator,
      port: entry.port,
      request: benchRequest(entry.port),
      seconds,
      connections: options.connections,
      core: loadCore,
      workDir: work,
      autocannonRunner: join(compiled, 'autocannon-runner.js'),
    })

  // Only the servers being measured run: the others are frozen (see signalTree).
  const only = (...running: Live[]) => {
    for (const entry of live) {
      signalTree(entry.running.pid, running.includes(entry) ? 'SIGCONT' : 'SIGSTOP')
    }
  }
  for (const entry of live) {
    only(entry)
    log(`${entry.target.id}: warm-up ${options.warmupSeconds} s`)
    await burst(entry, options.warmupSeconds).catch((error: Error) => log(error.message))
  }
  // The shared machine's speed drifts over seconds (other tenants, steal time): each target's
  // burst follows a floor burst of its own, and its ratio is taken against that one.
  const floorEntry = live.find((entry) => entry.target.kind === 'floor')
  let floorRuns = 0
  for (let round = 0; round < options.rounds; round++) {
    // Rotated each round, so no target always runs first or right after the same neighbour.
    const order = rotate(
      live.filter((entry) => entry !== floorEntry),
      round,
    )
    for (const entry of order) {
      try {
        only(...(floorEntry ? [floorEntry, entry] : [entry]))
        const baseline = floorEntry ? await burst(floorEntry, options.seconds) : undefined
        if (floorEntry && baseline) floorEntry.measured.samples[floorRuns++] = baseline
        const sample = await burst(entry, options.seconds)
        entry.measured.samples[round] = sample
        entry.measured.baselines ??= []
        entry.measured.baselines[round] = baseline
        log(
          `round ${round + 1}/${options.rounds} ${entry.target.id}: ${Math.round(sample.requestsPerSecond)} req/s (floor ${Math.round(baseline?.requestsPerSecond ?? 0)})`,
        )
      } catch (error) {
        log(`round ${round + 1} ${entry.target.id}: ${(error as Error).message}`)
      }
    }
  }
  only(...live)
  for (const entry of live) {
    const rss = rssOfTree(entry.running.pid)
    if (rss !== undefined) entry.measured.rssBytes = rss
  }
} finally {
  // Thawed first: a frozen process cannot act on SIGTERM.
  for (const entry of live) signalTree(entry.running.pid, 'SIGCONT')
  await Promise.all(live.map((entry) => stopProcess(entry.running)))
  rmSync(work, { recursive: true, force: true })
}

let recording: RecordingMeasured | undefined
if (!options.only || options.only.includes(RECORD)) {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-bench-record-'))
  log(`record: ${options.recordCount} interactions through tapedeck record → tapedeck serve`)
  try {
    recording = await measureRecording({
      count: options.recordCount,
      root,
      dir,
      core: serverCore,
      log,
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const loadAfter = loadavg()[0]!
const conformance = await conformanceWallTime()
process.stdout.write(
  `${renderReport({
    results,
    generator,
    pinned,
    options,
    conformance,
    ...(recording ? { recording } : {}),
    when: new Date(),
    loadAverage: [loadBefore, loadAfter],
  })}\n`,
)

function checkBody(target: Target, body: string): void {
  const same = (() => {
    try {
      return JSON.stringify(JSON.parse(body)) === JSON.stringify(JSON.parse(fixed.body))
    } catch {
      return false
    }
  })()
  if (target.fixedBody && !same) throw new Error(`answered a different body: ${body.slice(0, 200)}`)
  if (!target.fixedBody && !/^\{"Response":\{"RequestId":"[0-9A-F-]+"\}\}$/.test(body))
    throw new Error(`answered an unexpected body: ${body.slice(0, 200)}`)
}

/** The conformance suite's wall time for the reference client (in process), once it exists. */
async function conformanceWallTime(): Promise<string> {
  if (!existsSync(join(root, 'src', 'conformance', 'index.ts'))) return 'n/a: not built yet'
  log('conformance: running the suite with the reference client')
  const script = join(compiled, 'time-conformance.js')
  const [command, args] =
    serverCore === undefined
      ? [process.execPath, [script]]
      : ['taskset', ['-c', serverCore, process.execPath, script]]
  try {
    const stdout = await new Promise<string>((done, fail) =>
      execFile(command, args, { cwd: root, timeout: 300_000, maxBuffer: 1 << 22 }, (error, out) =>
        error ? fail(error) : done(out),
      ),
    )
    const line = stdout.split('\n').find((l) => l.startsWith('BENCH_JSON '))
    if (!line) return 'n/a: the suite printed no result'
    const r = JSON.parse(line.slice('BENCH_JSON '.length)) as {
      wallMs: number
      passed: number
      failed: number
      notApplicable: number
    }
    return `${(r.wallMs / 1000).toFixed(2)} s in process (${r.passed} passed, ${r.failed} failed, ${r.notApplicable} not applicable)`
  } catch (error) {
    return `n/a: the suite did not finish: ${(error as Error).message.split('\n')[0]}`
  }
}

/** The options, or, for a mistake on the command line, one line saying what and how, and exit 2. */
function readOptions(argv: readonly string[]): BenchOptions {
  let read: BenchOptions
  try {
    read = parseBenchArgs(argv)
  } catch (error) {
    return refuse(error)
  }
  if (read.help) {
    process.stdout.write(`${BENCH_USAGE}\n`)
    process.exit(0)
  }
  return read
}

function refuse(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`bench: ${message}; ${BENCH_USAGE}\n`)
  process.exit(2)
}

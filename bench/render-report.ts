import { cpus } from 'node:os'
import type { Generator } from './load.ts'
import type { RecordingMeasured } from './measure-recording.ts'
import type { BenchOptions } from './parse-bench-args.ts'
import { recordingBudgetRows, renderRecording } from './render-recording.ts'
import { formatCount, formatMegabytes, formatMs, formatRatio, renderTable } from './render-table.ts'
import { type Sample, type Summary, summarize } from './stats.ts'
import type { Target } from './targets.ts'

/** What the run found out about one target. `samples[i]` is round i (a hole when it failed). */
export type Measured = {
  target: Pick<Target, 'id' | 'label' | 'kind' | 'note' | 'tapeSize'>
  samples: (Sample | undefined)[]
  /**
   * The floor burst run right before each of this target's bursts (round i): its ratios are taken
   * against these, so a change of the shared machine's speed between bursts cancels out.
   */
  baselines?: (Sample | undefined)[]
  unavailable?: string
  /** Spawn to the first 200 (for replay: reading, validating and indexing the tape included). */
  coldStartMs?: number
  /** Replay only: the tape file's size. */
  tapeBytes?: number
  rssBytes?: number
}

export type ReportInput = {
  results: readonly Measured[]
  generator: Generator
  pinned: boolean
  options: Pick<BenchOptions, 'rounds' | 'seconds' | 'warmupSeconds' | 'connections'>
  conformance: string
  /** `tapedeck record` in front of `tapedeck serve` (absent when `--only` left it out). */
  recording?: RecordingMeasured
  when: Date
  /** The machine's 1-minute load average before and after the load rounds (other processes). */
  loadAverage?: [number, number]
}

/**
 * Pairs a target's rounds with the floor bursts run next to them (its `baselines`, else the floor's
 * round), keeping only rounds both completed.
 */
export function summaryOf(target: Measured, floor: Measured | undefined): Summary | undefined {
  if (!floor || target.unavailable) return undefined
  const mine: Sample[] = []
  const floors: Sample[] = []
  target.samples.forEach((sample, round) => {
    const base = target.baselines ? target.baselines[round] : floor.samples[round]
    if (sample && base) {
      mine.push(sample)
      floors.push(base)
    }
  })
  return mine.length === 0 ? undefined : summarize(mine, floors)
}

/** The whole report: the main table, the budgets, the scaling case, conformance, and how it ran. */
export function renderReport(input: ReportInput): string {
  const floor = input.results.find((m) => m.target.kind === 'floor')
  const summaries = new Map(input.results.map((m) => [m.target.id, summaryOf(m, floor)]))
  const replays = input.results.filter((m) => m.target.tapeSize !== undefined)
  const smallestReplay = replays[0]
  // The floor first, then tapedeck, then the peers (start-up order puts serve first: its answer is the body).
  const rank = { floor: 0, reference: 1, tapedeck: 2, peer: 3 } as const
  const mainRows = input.results
    .filter((m) => m.target.tapeSize === undefined || m === smallestReplay)
    .sort((a, b) => rank[a.target.kind] - rank[b.target.kind])
  const main = renderTable(
    [
      'target',
      'req/s',
      '÷ floor',
      'p50',
      '× floor',
      'p99',
      '× floor',
      'cold start',
      'RSS after',
      'notes',
    ],
    mainRows.map((m) => {
      const s = summaries.get(m.target.id)
      const label = m.unavailable && m === smallestReplay ? 'tapedeck replay' : m.target.label
      if (m.unavailable || !s)
        return [
          label,
          '—',
          '—',
          '—',
          '—',
          '—',
          '—',
          '—',
          '—',
          m.unavailable ?? 'no round completed',
        ]
      return [
        label,
        formatCount(s.requestsPerSecond),
        formatRatio(s.throughputRatio),
        formatMs(s.p50Ms),
        formatRatio(s.p50Ratio),
        formatMs(s.p99Ms),
        formatRatio(s.p99Ratio),
        formatMs(m.coldStartMs),
        formatMegabytes(m.rssBytes),
        notesOf(m, s),
      ]
    }),
  )
  const scaling = renderTable(
    [
      'interactions',
      'tape file',
      'load: spawn → first 200',
      'req/s',
      '÷ floor',
      'p99',
      'RSS after',
    ],
    replays.map((m) => {
      const s = summaries.get(m.target.id)
      const size = formatCount(m.target.tapeSize)
      if (m.unavailable || !s)
        return [size, '—', '—', '—', '—', '—', m.unavailable ?? 'no round completed']
      return [
        size,
        formatMegabytes(m.tapeBytes),
        formatMs(m.coldStartMs),
        formatCount(s.requestsPerSecond),
        formatRatio(s.throughputRatio),
        formatMs(s.p99Ms),
        formatMegabytes(m.rssBytes),
      ]
    }),
  )
  const { rounds, seconds, warmupSeconds, connections } = input.options
  const load =
    input.generator === 'wrk'
      ? `wrk -t1 -c${connections}`
      : `autocannon -c ${connections} (latencies in whole ms; wrk, from apt-get install -y wrk, measures finer)`
  const pinning = input.pinned
    ? 'servers on core 0, load generator on core 1 (taskset)'
    : 'taskset not found: servers and load generator share the cores'
  return [
    `Measured ${input.when.toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\`: ${load}, ${pinning}; ` +
      `${warmupSeconds} s warm-up, then ${rounds} rounds of ${seconds} s per target, interleaved (rotated each round), ` +
      `each target's burst right after a ${seconds} s burst of the floor, every other server frozen (SIGSTOP) meanwhile; ` +
      'medians over rounds. Ratios are the median ' +
      "of per-round ratios to the floor burst run just before the target's " +
      '(÷ floor: req/s, higher is better; × floor: latency, lower is better). Every target answers the same ' +
      'call with the same body: Tencent API 3.0 `ModifyImageAttribute`, `POST /` with a JSON body, signed ' +
      'TC3-HMAC-SHA256 (no nonce, so `tapedeck serve` fully verifies every request; re-signed each round). ' +
      'Cold start: spawn to the first 200. RSS: the server process tree after all rounds.' +
      (input.loadAverage
        ? ` Load average (1 min) before/after the rounds: ${input.loadAverage.map((n) => n.toFixed(2)).join(' / ')} on ${cores()} cores.`
        : ''),
    '',
    main,
    '',
    'Budgets:',
    '',
    renderTable(
      ['budget', 'measured', 'verdict'],
      [...budgetRows(input.results, summaries), ...recordingBudgetRows(input.recording)],
    ),
    '',
    'Scaling (tapedeck replay, the benchmark call among N interactions):',
    '',
    scaling,
    '',
    ...(input.recording ? [renderRecording(input.recording), ''] : []),
    `Conformance suite, reference client, wall time: ${input.conformance}`,
  ].join('\n')
}

function notesOf(m: Measured, s: Summary): string {
  const problems: string[] = []
  if (s.non2xx > 0) problems.push(`⚠ ${formatCount(s.non2xx)} non-2xx`)
  if (s.errors > 0) problems.push(`⚠ ${formatCount(s.errors)} socket errors`)
  return [m.target.note, ...problems].join('; ')
}

function budgetRows(
  results: readonly Measured[],
  summaries: Map<string, Summary | undefined>,
): string[][] {
  const byId = (id: string) => results.find((m) => m.target.id === id)
  const ratio = (id: string) => summaries.get(id)?.throughputRatio
  const why = (id: string) => byId(id)?.unavailable ?? 'n/a: not measured'
  const atLeast = (label: string, id: string, floorRatio: number) => {
    const value = ratio(id)
    return value === undefined
      ? [label, '—', why(id)]
      : [label, formatRatio(value), value >= floorRatio ? 'met' : 'MISSED']
  }
  const below = (
    label: string,
    value: number | undefined,
    limit: number,
    shown: string,
    id: string,
  ) =>
    value === undefined ? [label, '—', why(id)] : [label, shown, value < limit ? 'met' : 'MISSED']

  const peers = results
    .filter((m) => m.target.kind === 'peer')
    .map((m) => ({ label: m.target.label, value: ratio(m.target.id) }))
    .filter((p): p is { label: string; value: number } => p.value !== undefined)
  const bestPeer = peers.sort((a, b) => b.value - a.value)[0]
  const ours = results
    .filter((m) => m.target.kind === 'tapedeck')
    .map((m) => ({ label: m.target.label, value: ratio(m.target.id) }))
    .filter((p): p is { label: string; value: number } => p.value !== undefined)
  const slowestOurs = ours.sort((a, b) => a.value - b.value)[0]
  const ahead =
    !bestPeer || !slowestOurs
      ? ['tapedeck ahead of every peer', '—', 'n/a: not measured']
      : [
          'tapedeck ahead of every peer',
          `slowest tapedeck row ${formatRatio(slowestOurs.value)} vs best peer ${formatRatio(bestPeer.value)} (${bestPeer.label})`,
          slowestOurs.value > bestPeer.value ? 'met' : 'MISSED',
        ]
  const big = byId('replay-100000')
  return [
    atLeast('tapedeck serve, signatures on: ≥ 0.55', 'serve', 0.55),
    atLeast('tapedeck replay, 10 interactions: ≥ 0.85', 'replay-10', 0.85),
    atLeast('tapedeck replay, 100,000 interactions: ≥ 0.85', 'replay-100000', 0.85),
    ahead,
    below(
      '100,000-interaction tape loads (spawn → first 200) in < 2 s',
      big?.coldStartMs,
      2000,
      formatMs(big?.coldStartMs),
      'replay-100000',
    ),
    below(
      '100,000-interaction tape: RSS < 300 MB',
      big?.rssBytes,
      300e6,
      formatMegabytes(big?.rssBytes),
      'replay-100000',
    ),
    below(
      'tapedeck serve cold start < 400 ms',
      byId('serve')?.coldStartMs,
      400,
      formatMs(byId('serve')?.coldStartMs),
      'serve',
    ),
  ]
}

/** Every core of the machine (the benchmark pins itself to one, which availableParallelism reflects). */
function cores(): number {
  return cpus().length
}

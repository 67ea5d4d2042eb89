import type { RecordingMeasured } from './measure-recording.ts'
import { formatCount, formatMegabytes, formatMs, formatRatio, renderTable } from './render-table.ts'

/** The interactions the recording budgets are stated for. */
const RECORDING_BUDGET_COUNT = 100_000
/** Budget: the last 1,000 interactions cost at most this many times the first 1,000. */
const FLAT_RATIO = 1.5
/** Budget: 100,000 interactions from one sequential client within this many ms (10 min). */
const TOTAL_MS = 600_000

/** The recording section: how it was measured, then one row. */
export function renderRecording(recording: RecordingMeasured): string {
  const { count, window } = recording
  const last = `${formatCount(count - window + 1)}–${formatCount(count)}`
  const row = recording.unavailable
    ? [formatCount(count), '—', '—', '—', '—', '—', '—', recording.unavailable]
    : [
        formatCount(count),
        formatMs(recording.firstMs),
        formatMs(recording.lastMs),
        `${formatRatio(ratio(recording))}×`,
        formatMinutes(recording.totalMs),
        formatMs(recording.foldMs),
        formatMegabytes(recording.tapeBytes),
        formatMegabytes(recording.rssBytes),
      ]
  return [
    'Recording (`tapedeck record --upstream <tapedeck serve>`, both built CLIs on the server core; one ' +
      'sequential keep-alive client sends the benchmark call, signed fresh each time and re-signed by the ' +
      "recorder with the environment's credentials; ms per interaction is the client's round trip through " +
      'both; the fold is SIGTERM to exit, the journal written into the tape):',
    '',
    renderTable(
      [
        'interactions',
        `1–${formatCount(window)}`,
        last,
        'last ÷ first',
        'total',
        'fold at SIGTERM',
        'tape file',
        'recorder RSS',
      ],
      [row],
    ),
  ].join('\n')
}

/** The recording budgets: flat cost per interaction, and 100,000 interactions in < 10 min. */
export function recordingBudgetRows(recording: RecordingMeasured | undefined): string[][] {
  const flat = `recording: ms per interaction, last 1,000 within ${FLAT_RATIO}× of the first 1,000`
  const total = `recording: ${formatCount(RECORDING_BUDGET_COUNT)} interactions, one sequential client, < 10 min`
  if (!recording) return [flat, total].map((label) => [label, '—', 'n/a: not measured'])
  if (recording.unavailable)
    return [flat, total].map((label) => [label, '—', recording.unavailable!])
  const value = ratio(recording)
  const flatRow = [
    flat,
    `${formatMs(recording.lastMs)} vs ${formatMs(recording.firstMs)} (${formatRatio(value)}×, ${formatCount(recording.count)} interactions)`,
    value === undefined ? '—' : value <= FLAT_RATIO ? 'met' : 'MISSED',
  ]
  const totalRow =
    recording.count < RECORDING_BUDGET_COUNT || recording.totalMs === undefined
      ? [
          total,
          `${formatMinutes(recording.totalMs)} for ${formatCount(recording.count)}`,
          `n/a: --record-count ${RECORDING_BUDGET_COUNT} measures it`,
        ]
      : [total, formatMinutes(recording.totalMs), recording.totalMs < TOTAL_MS ? 'met' : 'MISSED']
  return [flatRow, totalRow]
}

function ratio(recording: RecordingMeasured): number | undefined {
  if (recording.firstMs === undefined || recording.lastMs === undefined) return undefined
  return recording.lastMs / recording.firstMs
}

/** `93_400` → `1 min 33 s`; seconds alone under a minute. */
function formatMinutes(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—'
  const seconds = Math.round(ms / 1000)
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`
}

import { renderJunit as renderJunitXml } from '../protocols/index.ts'
import type { InteractionResult, VerifyReport } from './verify-provider.ts'

const MAX_VALUE = 160
const clip = (text: string | undefined) =>
  text === undefined
    ? '-'
    : text.length > MAX_VALUE
      ? `${text.slice(0, MAX_VALUE)}… (${text.length} chars)`
      : text

const MARK = { passed: '✓', failed: '✗', skipped: '-' } as const
const COLOUR = { passed: 32, failed: 31, skipped: 33 } as const
const paint = (on: boolean, code: number, text: string) =>
  on ? `\x1b[${code}m${text}\x1b[0m` : text

/**
 * One interaction's outcome, as it completes: `[n/total] ✓ provider: description (ms)`, a pending
 * pact's failure marked as such, then each mismatch with its path, expected and actual. Colour only
 * when asked (a TTY).
 */
export function renderResultLine(
  result: InteractionResult,
  index: number,
  total: number,
  colour = false,
): string {
  const width = String(total).length
  const counter = `[${String(index + 1).padStart(width)}/${total}]`
  const mark = paint(colour, COLOUR[result.status], MARK[result.status])
  const note =
    result.status === 'skipped'
      ? ` (skipped: ${result.reason})`
      : `${result.pending && result.status === 'failed' ? ' (pending: does not fail the run)' : ''} (${result.ms} ms)`
  const lines = [`${counter} ${mark} ${result.provider}: ${result.description}${note}`]
  for (const m of result.mismatches) {
    const where = m.path ? `${m.path}: ` : ''
    const values =
      m.expected !== undefined || m.actual !== undefined
        ? ` (expected ${clip(m.expected)}, actual ${clip(m.actual)})`
        : ''
    lines.push(`    ${where}${m.message}${values}`)
  }
  return lines.join('\n')
}

/** The closing line: counts, pending failures, and where results were published. */
export function renderSummary(report: VerifyReport): string {
  const pending = report.pendingFailed > 0 ? ` (+${report.pendingFailed} pending failed)` : ''
  const lines = [
    `${report.passed} passed, ${report.failed} failed${pending}, ${report.skipped} skipped`,
  ]
  if (report.passed + report.failed + report.pendingFailed === 0)
    lines.push(
      'nothing was verified: check --provider, --contracts, --pact-url or the broker selectors',
    )
  for (const url of report.published) lines.push(`published verification results to ${url}`)
  return lines.join('\n')
}

/** A readable report: one line per interaction with its mismatches, then the summary. */
export function renderReport(report: VerifyReport): string {
  const total = report.results.length
  return [
    ...report.results.map((result, i) => renderResultLine(result, i, total)),
    '',
    renderSummary(report),
  ].join('\n')
}

/** JUnit XML: one test suite per provider, one test case per interaction. */
export function renderJunit(report: VerifyReport): string {
  const providers = [...new Set(report.results.map((r) => r.provider))]
  return renderJunitXml({
    name: 'tapedeck verify',
    suites: providers.map((provider) => ({
      name: provider,
      cases: report.results
        .filter((r) => r.provider === provider)
        .map((r) => ({
          classname: provider,
          name: r.description,
          skipped: r.status === 'skipped' ? (r.reason ?? '') : undefined,
          failure:
            r.status === 'failed'
              ? {
                  message: r.mismatches[0]?.message ?? 'failed',
                  detail: r.mismatches
                    .map(
                      (m) =>
                        `${m.path ?? ''} ${m.message} expected=${m.expected ?? ''} actual=${m.actual ?? ''}`,
                    )
                    .join('\n'),
                }
              : undefined,
        })),
    })),
  })
}

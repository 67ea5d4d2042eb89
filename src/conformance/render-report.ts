import { renderJunit as renderJunitXml } from '../protocols/index.ts'
import type { ConformReport, ScenarioResult } from './run-conformance.ts'

const MARK = { pass: 'pass', fail: 'FAIL', 'not-applicable': 'n/a ' } as const

/**
 * One scenario's line as it completes, `[3/71] pass  <id>  12 ms`, with each failed check (or the
 * not-applicable reason) indented below it.
 */
export function renderResultLine(result: ScenarioResult, done: number, total: number): string {
  const lines = [
    `[${String(done).padStart(String(total).length)}/${total}] ${MARK[result.status]}  ${result.id}  ${result.durationMs} ms`,
  ]
  if (result.reason) lines.push(`    not applicable: ${result.reason}`)
  for (const issue of result.issues) lines.push(`    ${issue.message}`)
  return lines.join('\n')
}

/** The terminal table: one line per scenario, each failure's check below it, then the totals. */
export function renderTable(report: ConformReport): string {
  const width = Math.max(...report.results.map((r) => r.id.length), 8)
  const lines = [`${'scenario'.padEnd(width)}  result  ms`]
  for (const r of report.results) {
    lines.push(`${r.id.padEnd(width)}  ${MARK[r.status]}    ${r.durationMs}`)
    if (r.reason) lines.push(`    not applicable: ${r.reason}`)
    for (const issue of r.issues) lines.push(`    ${issue.message}`)
  }
  lines.push(
    '',
    `${report.client}: ${report.passed} passed, ${report.failed} failed, ${report.notApplicable} not applicable (${report.durationMs} ms)`,
  )
  return lines.join('\n')
}

/**
 * JUnit XML: one `<testsuite>` per operation, one `<testcase>` per scenario; failures carry each
 * check's message, not-applicable scenarios are `<skipped>` with the adapter's reason.
 */
export function renderJunit(report: ConformReport): string {
  const byOperation = new Map<string, ScenarioResult[]>()
  for (const r of report.results)
    byOperation.set(r.operation, [...(byOperation.get(r.operation) ?? []), r])
  return renderJunitXml({
    name: `tapedeck conform ${report.client}`,
    seconds: report.durationMs / 1000,
    suites: [...byOperation].map(([operation, results]) => ({
      name: operation,
      cases: results.map((r) => ({
        classname: operation,
        name: r.id,
        seconds: r.durationMs / 1000,
        skipped: r.status === 'not-applicable' ? (r.reason ?? '') : undefined,
        failure:
          r.status === 'fail'
            ? {
                message: r.issues[0]?.message ?? 'failed',
                detail: r.issues.map((i) => i.message).join('\n'),
              }
            : undefined,
      })),
    })),
  })
}

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

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`,
  )

/**
 * JUnit XML: one `<testsuite>` per operation, one `<testcase>` per scenario; failures carry each
 * check's message, not-applicable scenarios are `<skipped>` with the adapter's reason.
 */
export function renderJunit(report: ConformReport): string {
  const byOperation = new Map<string, ScenarioResult[]>()
  for (const r of report.results)
    byOperation.set(r.operation, [...(byOperation.get(r.operation) ?? []), r])
  const suites = [...byOperation].map(([operation, results]) => {
    const cases = results.map((r) => {
      const open = `    <testcase classname="${escapeXml(operation)}" name="${escapeXml(r.id)}" time="${(r.durationMs / 1000).toFixed(3)}"`
      if (r.status === 'pass') return `${open}/>`
      const inner =
        r.status === 'fail'
          ? `<failure message="${escapeXml(r.issues[0]?.message ?? 'failed')}">${escapeXml(r.issues.map((i) => i.message).join('\n'))}</failure>`
          : `<skipped message="${escapeXml(r.reason ?? '')}"/>`
      return `${open}>\n      ${inner}\n    </testcase>`
    })
    const failures = results.filter((r) => r.status === 'fail').length
    const skipped = results.filter((r) => r.status === 'not-applicable').length
    const time = results.reduce((sum, r) => sum + r.durationMs, 0) / 1000
    return `  <testsuite name="${escapeXml(operation)}" tests="${results.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="tapedeck conform ${escapeXml(report.client)}" tests="${report.results.length}" failures="${report.failed}" errors="0" skipped="${report.notApplicable}" time="${(report.durationMs / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`
}

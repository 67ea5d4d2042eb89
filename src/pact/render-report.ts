import type { VerifyReport } from './verify-provider.ts'

const MAX_VALUE = 160
const clip = (text: string | undefined) =>
  text === undefined
    ? '-'
    : text.length > MAX_VALUE
      ? `${text.slice(0, MAX_VALUE)}… (${text.length} chars)`
      : text

/** A readable summary: one line per interaction, each mismatch with its path, expected and actual. */
export function renderReport(report: VerifyReport): string {
  const lines: string[] = []
  const mark = { passed: '✓', failed: '✗', skipped: '-' } as const
  for (const result of report.results) {
    lines.push(
      `${mark[result.status]} ${result.provider}: ${result.description}${result.reason ? ` (skipped: ${result.reason})` : ''}`,
    )
    for (const m of result.mismatches) {
      const where = m.path ? `${m.path}: ` : ''
      const values =
        m.expected !== undefined || m.actual !== undefined
          ? ` (expected ${clip(m.expected)}, actual ${clip(m.actual)})`
          : ''
      lines.push(`    ${where}${m.message}${values}`)
    }
  }
  lines.push('', `${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`)
  return lines.join('\n')
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  )

/** JUnit XML: one test suite per provider, one test case per interaction. */
export function renderJunit(report: VerifyReport): string {
  const providers = [...new Set(report.results.map((r) => r.provider))]
  const suites = providers.map((provider) => {
    const cases = report.results.filter((r) => r.provider === provider)
    const body = cases
      .map((r) => {
        const open = `    <testcase classname="${escapeXml(provider)}" name="${escapeXml(r.description)}"`
        if (r.status === 'passed') return `${open}/>`
        if (r.status === 'skipped')
          return `${open}>\n      <skipped message="${escapeXml(r.reason ?? '')}"/>\n    </testcase>`
        const detail = r.mismatches
          .map(
            (m) =>
              `${m.path ?? ''} ${m.message} expected=${m.expected ?? ''} actual=${m.actual ?? ''}`,
          )
          .join('\n')
        return `${open}>\n      <failure message="${escapeXml(r.mismatches[0]?.message ?? 'failed')}">${escapeXml(detail)}</failure>\n    </testcase>`
      })
      .join('\n')
    const failures = cases.filter((r) => r.status === 'failed').length
    const skipped = cases.filter((r) => r.status === 'skipped').length
    return `  <testsuite name="${escapeXml(provider)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}">\n${body}\n  </testsuite>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="tapedeck verify" tests="${report.results.length}" failures="${report.failed}" skipped="${report.skipped}">\n${suites.join('\n')}\n</testsuites>\n`
}

import { type JunitCase, renderJunit as renderJunitXml } from '../protocols/index.ts'
import { CATEGORIES, type Coverage, percent } from './compute-coverage.ts'

/** The coverage report as a terminal table: the total, each category, each operation. */
export function renderCoverage(coverage: Coverage, min?: number): string {
  const lines = [
    `Coverage of the documented surface: ${coverage.percent}% (${coverage.covered} of ${coverage.of})`,
    ...CATEGORIES.map((category) => {
      const tally = coverage.categories[category]
      return `  ${category.padEnd(11)} ${String(percent(tally)).padStart(5)}%  ${tally.covered}/${tally.of}`
    }),
    '',
  ]
  for (const operation of coverage.operations) {
    lines.push(
      `${operation.id.padEnd(40)} ${String(percent(operation)).padStart(5)}%  ${operation.covered}/${operation.of}  (${operation.requests} requests)`,
    )
    const missing = [
      ...operation.parameters.filter((item) => !item.covered).map((item) => `param ${item.name}`),
      ...operation.limits.filter((item) => !item.covered).map((item) => `limit ${item.name}`),
      ...operation.errors.filter((item) => !item.covered).map((item) => `error ${item.detail}`),
    ]
    if (missing.length > 0) lines.push(`  not exercised: ${missing.join(', ')}`)
    const idle = operation.cells.filter((cell) => cell.requests === 0)
    if (idle.length > 0)
      lines.push(`  no traffic: ${idle.map((cell) => `${cell.variant}/${cell.format}`).join(', ')}`)
  }
  const { requests, unrouted, dropped } = coverage.traffic
  lines.push(
    '',
    `From ${requests} journaled requests (${unrouted} naming no catalogue operation${dropped ? `, ${dropped} dropped from the journal` : ''}).`,
  )
  if (min !== undefined) {
    lines.push(
      coverage.percent >= min
        ? `Minimum ${min}% met.`
        : `FAIL: coverage ${coverage.percent}% is under the minimum ${min}%.`,
    )
  }
  return lines.join('\n')
}

/**
 * The report as JUnit XML for CI dashboards: a test case per operation × category, skipped (with
 * what was not exercised) when incomplete, and one case for the minimum, failed when not met.
 */
export function renderJunit(coverage: Coverage, min?: number): string {
  const cases: JunitCase[] = []
  for (const operation of coverage.operations) {
    const byCategory = {
      parameters: operation.parameters,
      limits: operation.limits,
      errors: operation.errors,
      shapes: operation.cells.flatMap((cell) =>
        cell.shapes.map((shape) => ({
          ...shape,
          name: `${cell.variant}/${cell.format} ${shape.name}`,
        })),
      ),
    }
    for (const category of CATEGORIES) {
      const items = byCategory[category]
      const missing = items.filter((item) => !item.covered).map((item) => item.name)
      cases.push({
        classname: 'tapedeck.coverage',
        name: `${operation.id} ${category} (${items.length - missing.length}/${items.length})`,
        skipped: missing.length === 0 ? undefined : `not exercised: ${missing.join(', ')}`,
      })
    }
  }
  if (min !== undefined)
    cases.push({
      classname: 'tapedeck.coverage',
      name: `coverage ${coverage.percent}% at least ${min}%`,
      failure:
        coverage.percent < min
          ? { message: `coverage ${coverage.percent}% is under the minimum ${min}%` }
          : undefined,
    })
  return renderJunitXml({ suites: [{ name: 'tapedeck coverage', cases }] })
}

import { renderXml } from './render-xml.ts'

/** One test case: passed unless it carries a failure or a skip reason. */
export type JunitCase = {
  classname: string
  name: string
  seconds?: number | undefined
  failure?: { message: string; detail?: string | undefined } | undefined
  /** Why the case was skipped; a failure takes precedence. */
  skipped?: string | undefined
}
type JunitSuite = { name: string; cases: JunitCase[] }
type JunitReport = { name?: string; seconds?: number; suites: JunitSuite[] }

/**
 * JUnit XML as CI tools read it (`testsuites` › `testsuite` › `testcase` with `failure` or
 * `skipped`); every count is taken from the cases, and a suite's time is the sum of its cases'.
 */
export function renderJunit(report: JunitReport): string {
  const cases = report.suites.flatMap((suite) => suite.cases)
  return renderXml(
    {
      testsuites: {
        '@_name': report.name,
        ...counts(cases, report.seconds),
        testsuite: report.suites.map((suite) => {
          const timed = suite.cases.some((c) => c.seconds !== undefined)
          const seconds = suite.cases.reduce((sum, c) => sum + (c.seconds ?? 0), 0)
          return {
            '@_name': suite.name,
            ...counts(suite.cases, timed ? seconds : undefined),
            testcase: suite.cases.map(renderCase),
          }
        }),
      },
    },
    { indent: true },
  )
}

function counts(cases: JunitCase[], seconds: number | undefined) {
  return {
    '@_tests': cases.length,
    '@_failures': cases.filter((c) => c.failure).length,
    '@_errors': 0,
    '@_skipped': cases.filter((c) => c.failure === undefined && c.skipped !== undefined).length,
    '@_time': seconds?.toFixed(3),
  }
}

function renderCase(c: JunitCase) {
  return {
    '@_classname': c.classname,
    '@_name': c.name,
    '@_time': c.seconds?.toFixed(3),
    failure: c.failure && { '@_message': c.failure.message, '#text': c.failure.detail },
    skipped:
      c.failure === undefined && c.skipped !== undefined ? { '@_message': c.skipped } : undefined,
  }
}

/**
 * The three JUnit reports (verify, coverage, conform) through one writer: each parses, its counts
 * agree with its cases at every level, and names and messages holding `"`, `'`, `<`, `&` (and a
 * client's colour codes) come back exactly as written, or U+FFFD where XML cannot hold a character.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { expect, it } from 'vitest'
import type { ConformReport, ScenarioResult } from '../src/conformance/index.ts'
import { renderJunit as renderConformJunit } from '../src/conformance/index.ts'
import type { Coverage, OperationCoverage } from '../src/coverage/index.ts'
import { renderJunit as renderCoverageJunit } from '../src/coverage/index.ts'
import type { InteractionResult, VerifyReport } from '../src/pact/index.ts'
import { renderJunit as renderVerifyJunit } from '../src/pact/index.ts'
import { parseStrictXml } from './support/parse-strict-xml.ts'

const HOSTILE = `a "quoted" <tag> & 'it' true`

type Case = {
  '@_name': string
  '@_classname': string
  failure?: Record<string, string>
  skipped?: Record<string, string>
}
type Suite = Record<string, string> & { testcase: Case[] }

function read(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true)
  parseStrictXml(xml)
  const doc = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  }).parse(xml)
  const root = doc.testsuites as Record<string, string> & { testsuite: Suite[] }
  return { root, suites: root.testsuite }
}

/** Every level's tests/failures/skipped equal what its cases hold, and the root sums the suites. */
function expectCounts(root: Record<string, string>, suites: Suite[]) {
  const tally = (cases: Case[]) => ({
    tests: String(cases.length),
    failures: String(cases.filter((c) => c.failure).length),
    skipped: String(cases.filter((c) => c.skipped).length),
  })
  const attrs = (at: Record<string, string>) => ({
    tests: at['@_tests'],
    failures: at['@_failures'],
    skipped: at['@_skipped'],
  })
  for (const suite of suites) expect(attrs(suite)).toEqual(tally(suite.testcase))
  expect(attrs(root)).toEqual(tally(suites.flatMap((s) => s.testcase)))
}

it('writes the verify report: counts per provider and overall, hostile names and messages intact', () => {
  const result = (over: Partial<InteractionResult>): InteractionResult => ({
    provider: HOSTILE,
    consumer: 'c',
    description: HOSTILE,
    status: 'passed',
    pending: false,
    mismatches: [],
    ms: 3,
    ...over,
  })
  const report: VerifyReport = {
    tapedeck: true,
    results: [
      result({}),
      result({
        status: 'failed',
        mismatches: [{ path: '$.Code', expected: '"A"', actual: '"<B&>"', message: HOSTILE }],
      }),
      // A pending pact's failure is a failure in the file too: the root counts it as its suite does.
      result({ status: 'failed', pending: true, mismatches: [{ message: 'pending' }] }),
      result({ status: 'skipped', reason: `needs state "x" & <y>` }),
      result({ provider: 'other', description: 'ok' }),
    ],
    passed: 2,
    failed: 1,
    pendingFailed: 1,
    skipped: 1,
    published: [],
  }
  const { root, suites } = read(renderVerifyJunit(report))
  expectCounts(root, suites)
  expect(root['@_tests']).toBe('5')
  expect(root['@_failures']).toBe('2')
  expect(suites.map((s) => s['@_name'])).toEqual([HOSTILE, 'other'])
  const [passed, failed, , skipped] = suites[0]!.testcase
  expect(passed).toMatchObject({ '@_name': HOSTILE, '@_classname': HOSTILE })
  expect(failed!.failure).toMatchObject({
    '@_message': HOSTILE,
    '#text': `$.Code ${HOSTILE} expected="A" actual="<B&>"`,
  })
  expect(skipped!.skipped).toEqual({ '@_message': `needs state "x" & <y>` })
})

it('writes the coverage report: skipped categories, the minimum as a failed case, hostile names intact', () => {
  const item = (name: string, covered: boolean) => ({ name, covered })
  const operation: OperationCoverage = {
    id: HOSTILE,
    protocol: 'p',
    requests: 1,
    covered: 4,
    of: 5,
    parameters: [item('Title', true), item(`Tags<&>"`, false)],
    limits: [item('max', true)],
    errors: [],
    cells: [{ variant: 'GET', format: 'json', requests: 1, shapes: [item('ok', true)] }],
  }
  const coverage = { percent: 50, operations: [operation] } as unknown as Coverage
  const { root, suites } = read(renderCoverageJunit(coverage, 80))
  expectCounts(root, suites)
  expect(root['@_tests']).toBe('5')
  expect(root['@_failures']).toBe('1')
  expect(root['@_skipped']).toBe('1')
  const cases = suites[0]!.testcase
  expect(cases[0]).toMatchObject({
    '@_name': `${HOSTILE} parameters (1/2)`,
    skipped: { '@_message': `not exercised: Tags<&>"` },
  })
  expect(cases.at(-1)).toMatchObject({
    '@_name': 'coverage 50% at least 80%',
    failure: { '@_message': 'coverage 50% is under the minimum 80%' },
  })
})

it('writes the conform report: counts, times, and a client colour code that does not break the file', () => {
  const scenario = (over: Partial<ScenarioResult>): ScenarioResult => ({
    id: HOSTILE,
    operation: `op "<&>"`,
    provider: 'p',
    description: 'd',
    source: 'contract',
    status: 'pass',
    issues: [],
    durationMs: 250,
    ...over,
  })
  const message = `reported.code: expected "A", got "\x1b[31m<B&>\x1b[0m"`
  const report: ConformReport = {
    client: `client "x" & <y>`,
    results: [
      scenario({}),
      scenario({
        status: 'fail',
        issues: [{ code: 'reported.code', path: 'p', expected: 'A', actual: 'B', message }],
      }),
      scenario({ status: 'not-applicable', reason: `no 'XML' <here>` }),
    ],
    passed: 1,
    failed: 1,
    notApplicable: 1,
    durationMs: 1000,
  }
  const { root, suites } = read(renderConformJunit(report))
  expectCounts(root, suites)
  expect(root['@_name']).toBe(`tapedeck conform client "x" & <y>`)
  expect(root['@_time']).toBe('1.000')
  expect(suites[0]!['@_name']).toBe(`op "<&>"`)
  expect(suites[0]!['@_time']).toBe('0.750')
  const [, failed, skipped] = suites[0]!.testcase
  const shown = message.replaceAll('\x1b', '\ufffd')
  expect(failed!.failure).toEqual({ '@_message': shown, '#text': shown })
  expect(skipped!.skipped).toEqual({ '@_message': `no 'XML' <here>` })
})

import { isDeepStrictEqual } from 'node:util'
import { type FaultKind, listLimits } from '../catalog/index.ts'
import type { Trace } from '../pipeline/index.ts'
import type { ClientAnswer } from './client-protocol.ts'
import type { ConformScenario } from './conform-scenarios.ts'

/** One failed check: which check, where, and expected versus actual in canonical JSON. */
export type ConformIssue = {
  /** The check, e.g. `sent.signature`, `reported.code`. */
  code: string
  /** Where in the request or answer, e.g. `params.UpdateContent`, `result.NonExistImageIds`. */
  path: string
  expected: string
  actual: string
  message: string
}

/** What reached the server during one scenario: the journal's traces. */
export type Sent = { traces: readonly Trace[] }

const AUTH_CHECKS: Partial<Record<FaultKind, string>> = {
  NonceUsed: 'sent.nonce',
  MissingTimestamp: 'sent.timestamp',
  InvalidTimestamp: 'sent.timestamp',
  TimestampExpired: 'sent.timestamp',
}

/** Checks what a client sent (the journal) and what it reported against a scenario. */
export function checkScenario(scenario: ConformScenario, answer: ClientAnswer, sent: Sent) {
  return [...checkSent(scenario, sent), ...checkReported(scenario, answer)]
}

function issue(code: string, path: string, expected: unknown, actual: unknown): ConformIssue {
  const e = clip(canonical(expected))
  const a = clip(canonical(actual))
  return { code, path, expected: e, actual: a, message: `${code} ${path}: expected ${e}, got ${a}` }
}

function checkSent(scenario: ConformScenario, { traces }: Sent): ConformIssue[] {
  const op = scenario.operation
  if (traces.length === 0) return [issue('sent.request', 'request', `a call of ${op.id}`, 'none')]
  const issues: ConformIssue[] = []
  const format = scenario.request.format ?? 'json'
  for (const trace of traces) {
    // The format the client asked for, wherever its scheme reads one (the journal records it).
    if (trace.protocol === op.protocol && trace.format !== undefined && trace.format !== format)
      issues.push(issue('sent.format', 'format', format, trace.format))
    const failed = trace.steps.find((s) => !s.ok)
    if (trace.operation !== op.id) {
      issues.push(
        issue('sent.operation', 'operation', op.id, trace.operation ?? failed?.fault?.kind ?? null),
      )
      continue
    }
    const auth = trace.steps.find((s) => s.step === 'authenticate')
    if (auth) {
      const kind = auth.fault?.kind
      if (kind !== scenario.authFault) {
        const check =
          (kind && AUTH_CHECKS[kind]) ?? AUTH_CHECKS[scenario.authFault!] ?? 'sent.signature'
        issues.push(issue(check, 'authentication', scenario.authFault ?? 'valid', kind ?? 'valid'))
      }
    }
    issues.push(...checkParams(scenario, trace.params))
  }
  return dedupe(issues)
}

function checkParams(scenario: ConformScenario, params: Record<string, unknown> | undefined) {
  const issues: ConformIssue[] = []
  const expected = scenario.request.params
  // A list parameter with an item limit in the catalogue (`UpdateContent`, at most 20) is named as
  // such when a client sends something else or too many, unless the scenario sends too many itself.
  for (const { param, max } of listParams(scenario)) {
    const sent = params?.[param]
    if (sent === undefined) continue
    const items = asData(sent)
    if (!Array.isArray(items))
      issues.push(issue('sent.list', `params.${param}`, 'a JSON array', sent))
    else if (items.length > max && countOf(expected[param]) <= max)
      issues.push(issue('sent.list', `params.${param}`, `≤ ${max} items`, `${items.length} items`))
  }
  const keys = new Set([...Object.keys(expected), ...Object.keys(params ?? {})])
  for (const key of keys) {
    const want = asData(expected[key])
    const got = asData(params?.[key])
    if (!isDeepStrictEqual(want, got)) issues.push(issue('sent.params', `params.${key}`, want, got))
  }
  return issues
}

function checkReported(scenario: ConformScenario, answer: ClientAnswer): ConformIssue[] {
  const { code, result } = scenario.expect
  const actual = 'notApplicable' in answer ? { notApplicable: answer.notApplicable } : answer
  if (code !== undefined) {
    if ('ok' in answer && !answer.ok && answer.error.code === code) return []
    const got = 'ok' in answer && !answer.ok ? answer.error.code : actual
    return [issue('reported.code', 'error.code', code, got)]
  }
  if (!('ok' in answer) || !answer.ok) return [issue('reported.outcome', 'ok', true, actual)]
  return Object.entries(result ?? {})
    .filter(([name, want]) => !isDeepStrictEqual(asData(answer.result[name]), asData(want)))
    .map(([name, want]) =>
      issue('reported.result', `result.${name}`, want, answer.result[name] ?? null),
    )
}

/** The operation's top-level parameters that the catalogue limits to a number of items. */
function listParams(scenario: ConformScenario): { param: string; max: number }[] {
  return listLimits(scenario.operation.input).flatMap(({ param, limits }) => {
    const max = limits['maxItems']
    return typeof max === 'number' && /^\w+$/.test(param) ? [{ param, max }] : []
  })
}

function countOf(value: unknown): number {
  const data = asData(value)
  return Array.isArray(data) ? data.length : 0
}

/** JSON strings compare as the data they hold (`UpdateContent`), so key order does not matter. */
function asData(value: unknown): unknown {
  if (typeof value !== 'string') return value
  const trimmed = value.trimStart()
  return trimmed.startsWith('[') || trimmed.startsWith('{') ? (tryJson(value) ?? value) : value
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    // Not JSON: compared as the string it is.
    return undefined
  }
}

/** JSON with object keys sorted: the one form expected and actual values are printed in. */
export function canonical(value: unknown): string {
  if (value === undefined) return 'undefined'
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  )
}

/** Long values (a server's string to sign, 1 KiB of UserData) are cut for the report. */
const clip = (text: string) => (text.length > 240 ? `${text.slice(0, 240)}…` : text)

function dedupe(issues: ConformIssue[]): ConformIssue[] {
  const seen = new Set<string>()
  return issues.filter((i) => !seen.has(i.message) && seen.add(i.message) !== undefined)
}

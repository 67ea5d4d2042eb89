import type { OperationDefinition } from '../catalog/index.ts'
import { builtInRegistry, findProtocol, type Registry } from '../protocols/index.ts'
import { canonicalKey, readRequest } from './canonical-key.ts'
import { checkResultTypes } from './check-result-types.ts'
import { entryRequest, entryResponse } from './create-entry.ts'
import { findLeaks } from './find-leaks.ts'
import type { LoadedTape } from './read-tape.ts'

export const LINT_CODES = [
  'drift-undocumented',
  'drift-missing',
  'drift-type',
  'secret',
  'duplicate',
  'unreachable',
  'skipped',
] as const

/**
 * One finding, like zod's issues: a stable code, where (the tape and entry; `field`, the path in the
 * response body, for a drift of a value), and what.
 */
export type LintIssue = {
  code: (typeof LINT_CODES)[number]
  path: string
  field?: string
  message: string
}

/**
 * Checks a tape: each recorded success response against the catalogue's documented result fields
 * (drift: undocumented or missing fields, and values of another type or list shape than either
 * response profile declares, JSON and XML), the secret scan, duplicate interactions (same request,
 * same response) and entries whose own request no longer produces their match key (unreachable:
 * they can never be replayed). Entries of a foreign HAR file that are no known call are reported as
 * `skipped`, with the reason. An error answer (whatever its status: Tencent answers errors with
 * 200) is not compared with the result fields.
 */
export function lintTape(
  { source, tape, skipped = [], indexes }: LoadedTape,
  secrets: readonly string[] = [],
  registry: Registry = builtInRegistry,
): LintIssue[] {
  const issues: LintIssue[] = []
  const seen = new Map<string, number>()
  // Entries of a HAR file that are no known call were left out at load: each is reported here.
  for (const { entry, reason } of skipped)
    issues.push({ code: 'skipped', path: `${source} log.entries[${entry}]`, message: reason })
  tape.log.entries.forEach((entry, at) => {
    const i = indexes?.[at] ?? at
    const path = `${source} log.entries[${i}]`
    const operation = registry.operations.find((op) => op.id === entry._tapedeck.operation)
    const request = entryRequest(entry)
    const key = canonicalKey(request, readRequest(request, registry))
    if (key !== entry._tapedeck.matchKey)
      issues.push({
        code: 'unreachable',
        path,
        message: 'its request no longer produces its match key; re-record it',
      })
    const identity = `${entry._tapedeck.matchKey}\u0000${entry.response.status}\u0000${entry.response.content.text}`
    const first = seen.get(identity)
    if (first === undefined) seen.set(identity, i)
    else
      issues.push({
        code: 'duplicate',
        path,
        message: `same request and response as log.entries[${first}]`,
      })
    for (const leak of findLeaks(JSON.stringify(entry), secrets, registry))
      issues.push({ code: 'secret', path, message: `contains ${leak.kind}` })
    if (!operation || !isSuccess(entry, operation, registry)) return
    const text = entryResponse(entry).body.toString()
    for (const drift of checkResultTypes(operation, text) ?? [])
      issues.push({ code: 'drift-type', path, field: drift.field, message: drift.message })
    const recorded = jsonPaths(text)
    const documented = documentedPaths(operation)
    if (!recorded || !documented) return
    for (const name of [...recorded].filter((p) => !documented.has(p)))
      issues.push({
        code: 'drift-undocumented',
        path,
        message: `${operation.id} response has undocumented field "${name}"`,
      })
    for (const name of [...documented].filter(
      (p) => !p.includes('.') && !p.includes('[') && !recorded.has(p),
    ))
      issues.push({
        code: 'drift-missing',
        path,
        message: `${operation.id} response lacks documented field "${name}"`,
      })
  })
  return issues
}

/** Whether the entry's response is a success, as the operation's scheme reads its responses. */
function isSuccess(
  entry: LoadedTape['tape']['log']['entries'][number],
  operation: OperationDefinition,
  registry: Registry,
) {
  if (entry.response.status >= 300) return false
  const protocol = findProtocol(operation.protocol, registry)
  return protocol ? protocol.readResponse(entryResponse(entry), operation).ok : true
}

/** Field paths of every documented JSON success sample of the operation (`A.B[]`), or undefined. */
function documentedPaths(operation: OperationDefinition): Set<string> | undefined {
  const samples = operation.samples.filter((s) => s.format === 'json' && s.status === 200)
  if (samples.length === 0) return undefined
  return new Set(samples.flatMap((sample) => [...(jsonPaths(sample.body) ?? [])]))
}

/** Field paths of a JSON body, array items collapsed to `[]`; undefined when not JSON. */
function jsonPaths(text: string | undefined): Set<string> | undefined {
  let value: unknown
  try {
    value = JSON.parse(text ?? '')
  } catch {
    return undefined
  }
  const out = new Set<string>()
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) for (const item of node) walk(item, `${path}[]`)
    else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const next = path ? `${path}.${key}` : key
        out.add(next)
        walk(child, next)
      }
    }
  }
  walk(value, '')
  return out
}

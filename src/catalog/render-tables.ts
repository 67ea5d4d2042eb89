import type { OperationDefinition } from './define-operation.ts'
import { FAULT_KINDS } from './faults.ts'
import { describeLimits, listLimits } from './list-limits.ts'
import { errorTables, operations, vendorErrorFor } from './operations.ts'

/**
 * Markdown tables derived from the catalogue for the README, so the docs cannot drift from the code
 * (a test compares them with the README).
 */
export function renderOperationTable(): string {
  const rows = operations.map((op: OperationDefinition) => {
    const where = op.http
      ? `\`${op.http.method} ${op.http.path}\``
      : `\`${op.action}\`${op.version ? ` (${op.version})` : ''}`
    const limit = op.rateLimit === undefined ? '—' : String(op.rateLimit)
    return `| \`${op.id}\` | ${op.protocol} | ${where} | ${limit} | ${op.hosts.map((h) => `\`${h}\``).join(', ')} |`
  })
  return [
    '| operation | wire scheme | action / route | calls/s per account | documented hosts |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n')
}

/** Fault kind → vendor code (HTTP status) per scheme, with per-operation overrides noted. */
export function renderErrorTable(): string {
  const schemes = Object.keys(errorTables)
  const header = `| fault | ${schemes.join(' | ')} |`
  const rule = `|---|${schemes.map(() => '---').join('|')}|`
  const rows = FAULT_KINDS.map((kind) => {
    const cells = schemes.map((scheme) => {
      const base = vendorErrorFor(errorTables[scheme]!, kind)
      const overrides = operations
        .filter((op) => op.protocol === scheme && op.errors?.[kind])
        .map((op) => {
          const spec = vendorErrorFor(errorTables[scheme]!, kind, op)
          return ` (${op.action}: \`${spec.code}\` ${spec.status})`
        })
      return `\`${base.code}\` ${base.status}${overrides.join('')}`
    })
    return `| ${kind} | ${cells.join(' | ')} |`
  })
  return [header, rule, ...rows].join('\n')
}

/** Every enforced rule, per operation, with its source (seed file, protocols.md, inferred). */
export function renderLimitTable(): string {
  const rows = operations.flatMap((op: OperationDefinition) =>
    listLimits(op.input).map(({ param, limits, source }) => {
      const rule = describeLimits(limits).replaceAll('|', '\\|')
      return `| \`${op.id}\` | \`${param}\` | ${rule} | ${source} |`
    }),
  )
  return ['| operation | parameter | rule | source |', '|---|---|---|---|', ...rows].join('\n')
}

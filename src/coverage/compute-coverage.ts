import {
  type Format,
  listLimits,
  type OperationDefinition,
  vendorErrorFor,
} from '../catalog/index.ts'
import type { SeenTrace } from '../pipeline/index.ts'
import {
  builtInRegistry,
  protocolOf,
  type Registry,
  type WireProtocol,
} from '../protocols/index.ts'
import { atBoundary } from './at-boundary.ts'
import { listParameters } from './list-parameters.ts'
import { valuesAt } from './values-at.ts'

/** One documented thing, and whether the traffic exercised it. */
export type CoverageItem = { name: string; covered: boolean; detail?: string }

/** A tally: `covered` of `of`. */
export type Tally = { covered: number; of: number }

/** One scheme variant × response format of an operation: the response shapes it returned. */
export type CoverageCell = {
  variant: string
  format: Format
  requests: number
  /** `success` and `error`: each envelope the cell returned at least once. */
  shapes: CoverageItem[]
}

export type OperationCoverage = {
  id: string
  protocol: string
  requests: number
  parameters: CoverageItem[]
  limits: CoverageItem[]
  errors: CoverageItem[]
  cells: CoverageCell[]
} & Tally

export const CATEGORIES = ['parameters', 'limits', 'errors', 'shapes'] as const
export type Category = (typeof CATEGORIES)[number]

export type Coverage = Tally & {
  /** `covered / of` as a percentage, one decimal. */
  percent: number
  categories: Record<Category, Tally>
  operations: OperationCoverage[]
  /** The traffic counted: requests in the journal, those naming no catalogue operation, those dropped from it. */
  traffic: { requests: number; unrouted: number; dropped: number }
}

const SHAPES = ['success', 'error'] as const

/**
 * How much of the catalogue's documented surface the journal's traffic exercised. The catalogue
 * is the denominator: every documented parameter, enforced limit and documented error of each
 * operation, and both response envelopes of each scheme variant × response format. Traffic can
 * only raise the numerator.
 */
export function computeCoverage(
  journal: { dropped: number; requests: readonly SeenTrace[] },
  registry: Registry = builtInRegistry,
): Coverage {
  const { operations } = registry
  const byOperation = new Map<string, SeenTrace[]>()
  let unrouted = 0
  for (const trace of journal.requests) {
    const list = trace.operation === undefined ? undefined : byOperation.get(trace.operation)
    if (list) list.push(trace)
    else if (trace.operation !== undefined && operations.some((op) => op.id === trace.operation))
      byOperation.set(trace.operation, [trace])
    else unrouted++
  }
  const covered = operations.map((operation) => {
    return coverOperation(
      operation,
      protocolOf(operation, registry),
      byOperation.get(operation.id) ?? [],
    )
  })
  const categories = Object.fromEntries(
    CATEGORIES.map((category) => [category, { covered: 0, of: 0 }]),
  ) as Record<Category, Tally>
  for (const operation of covered) {
    const items: Record<Category, CoverageItem[]> = {
      parameters: operation.parameters,
      limits: operation.limits,
      errors: operation.errors,
      shapes: operation.cells.flatMap((cell) => cell.shapes),
    }
    for (const category of CATEGORIES) add(categories[category], items[category])
  }
  const total = CATEGORIES.reduce(
    (sum, category) => ({
      covered: sum.covered + categories[category].covered,
      of: sum.of + categories[category].of,
    }),
    { covered: 0, of: 0 },
  )
  return {
    ...total,
    percent: percent(total),
    categories,
    operations: covered,
    traffic: { requests: journal.requests.length, unrouted, dropped: journal.dropped },
  }
}

function coverOperation(
  operation: OperationDefinition,
  protocol: WireProtocol,
  traces: readonly SeenTrace[],
): OperationCoverage {
  const refusals = traces.flatMap((trace) => {
    const refused = trace.steps.find((step) => !step.ok)
    return refused?.fault ? [refused.fault] : []
  })
  const parameters = listParameters(operation.input).map((name) => ({
    name,
    covered: traces.some((trace) => valuesAt(trace.params, name).length > 0),
  }))
  const limits = listLimits(operation.input).map(({ param, limits }) => {
    const touched =
      traces.some((trace) => valuesAt(trace.params, param).some((v) => atBoundary(v, limits))) ||
      refusals.some((fault) => fault.param?.replace(/\[\d+\]/g, '[]') === param)
    return { name: param, covered: touched, detail: JSON.stringify(limits) }
  })
  const errors = operation.faults.map((kind) => ({
    name: kind,
    covered: refusals.some((fault) => fault.kind === kind),
    detail: vendorErrorFor(protocol.errors, kind, operation).code,
  }))
  const cells: CoverageCell[] = []
  for (const variant of protocol.variants) {
    for (const format of protocol.formats ?? (['json'] as const)) {
      const inCell = traces.filter((t) => t.variant === variant && t.format === format)
      const shapes = SHAPES.map((shape) => ({
        name: shape,
        covered: inCell.some((trace) => shapeOf(trace) === shape),
      }))
      cells.push({ variant, format, requests: inCell.length, shapes })
    }
  }
  const tally = { covered: 0, of: 0 }
  add(tally, [...parameters, ...limits, ...errors, ...cells.flatMap((cell) => cell.shapes)])
  return {
    id: operation.id,
    protocol: operation.protocol,
    requests: traces.length,
    parameters,
    limits,
    errors,
    cells,
    ...tally,
  }
}

/** The envelope a request got back: the result, the vendor's error, or none (an injected drop). */
function shapeOf(trace: SeenTrace): (typeof SHAPES)[number] | undefined {
  if (trace.status === null) return undefined
  return trace.code === undefined && trace.steps.every((step) => step.ok) ? 'success' : 'error'
}

function add(tally: Tally, items: readonly CoverageItem[]): void {
  tally.of += items.length
  tally.covered += items.filter((item) => item.covered).length
}

/** `covered / of` in percent with one decimal, rounded down so a gap never shows as 100. */
export function percent({ covered, of }: Tally): number {
  return of === 0 ? 100 : Math.floor((covered / of) * 1000) / 10
}

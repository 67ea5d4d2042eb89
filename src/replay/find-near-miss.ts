import { formatPath } from '../catalog/index.ts'

/** One field that differs between the closest recording and the request, canonical. */
export type FieldDifference = { path: string; recorded: unknown; got: unknown }

/** Why a request missed: the closest recording (by fewest differing fields) and what differs. */
export type NearMiss = {
  /** The closest recorded request's match key, undefined when the tape holds nothing comparable. */
  closest: string | undefined
  /** The tape and entry index of the closest recording. */
  source: string | undefined
  differences: FieldDifference[]
}

/** A candidate for the near-miss search: a recorded key and where it came from. */
/** A recorded interaction to compare with: its key, its tape, and its index on that tape. */
export type Candidate = { key: string; tape: string; entry: number }

/**
 * Finds the recorded request closest to `key` among `candidates` (the same operation first), by the
 * number of canonical fields that differ. Runs on a miss only; hits never scan.
 */
export function findNearMiss(
  key: string,
  candidates: readonly Candidate[],
  parse: (key: string) => unknown,
): NearMiss {
  const got = flatten(parse(key))
  let best: NearMiss = { closest: undefined, source: undefined, differences: [] }
  let bestCount = Number.POSITIVE_INFINITY
  for (const candidate of candidates) {
    const differences = diff(flatten(parse(candidate.key)), got)
    if (differences.length < bestCount) {
      bestCount = differences.length
      best = {
        closest: candidate.key,
        source: `${candidate.tape} entry ${candidate.entry}`,
        differences,
      }
    }
  }
  return best
}

/** Renders a near-miss as text: one line per differing field. */
export function renderNearMiss(nearMiss: NearMiss): string {
  if (nearMiss.closest === undefined) return 'no recorded request of this operation is on the tape'
  const lines = nearMiss.differences.map(
    ({ path, recorded, got }) => `${path}: recorded ${show(recorded)}, got ${show(got)}`,
  )
  return `closest recording ${nearMiss.source} differs in ${lines.length} field(s): ${lines.join('; ')}`
}

function show(value: unknown): string {
  return value === undefined ? '(absent)' : JSON.stringify(value)
}

function diff(recorded: Map<string, unknown>, got: Map<string, unknown>): FieldDifference[] {
  const out: FieldDifference[] = []
  for (const path of new Set([...recorded.keys(), ...got.keys()])) {
    const a = recorded.get(path)
    const b = got.get(path)
    if (a !== b) out.push({ path, recorded: a, got: b })
  }
  return out
}

/**
 * Flattens a canonical request into `path → leaf`: business parameters by their own names
 * (`UpdateContent[0].Title`), the rest under their field name (`version`, `scope.project_id`).
 */
function flatten(canonical: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>()
  const walk = (value: unknown, path: PropertyKey[]) => {
    if (value !== null && typeof value === 'object') {
      const entries = Array.isArray(value)
        ? value.map((v, i) => [i, v] as const)
        : Object.entries(value)
      if (entries.length === 0 && path.length > 0)
        out.set(formatPath(path), Array.isArray(value) ? '[]' : '{}')
      for (const [name, child] of entries) walk(child, [...path, name])
    } else out.set(formatPath(path), value)
  }
  const { params, ...rest } = (canonical ?? {}) as Record<string, unknown>
  walk(rest, [])
  walk(params, [])
  return out
}

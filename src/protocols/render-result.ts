import type {
  Format,
  ListField,
  OperationDefinition,
  Profile,
  ResultField,
} from '../catalog/index.ts'

/**
 * Shapes a neutral result (`{ NonExistImageIds: ['a'] }`) into what a profile sends: lists flat or
 * wrapped per the operation's declaration. Shared by every scheme that returns result fields.
 */
export function shapeResult(
  operation: OperationDefinition | undefined,
  result: Record<string, unknown>,
  format: Format,
  profile: Profile,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const field of operation?.result ?? []) {
    const value = result[field.name]
    if (value === undefined) continue
    if (!isList(field)) {
      out[field.name] = value
      continue
    }
    const items = value as unknown[]
    const wrapped =
      format === 'json' ? field.json[profile] === 'wrapped' : field.xml[profile] === 'wrapped'
    out[field.name] = wrapped ? { [field.item]: items } : items
  }
  return out
}

/** Reads a shaped result back to neutral lists, whichever shape a response used. */
export function unshapeResult(
  operation: OperationDefinition,
  body: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const field of operation.result) {
    const value = body[field.name]
    if (value === undefined) continue
    if (!isList(field)) {
      out[field.name] = value
      continue
    }
    const inner =
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)[field.item]
        : value
    out[field.name] =
      inner === undefined || inner === ''
        ? []
        : Array.isArray(inner)
          ? inner.map(String)
          : [String(inner)]
  }
  return out
}

function isList(field: ResultField): field is ListField {
  return 'item' in field
}

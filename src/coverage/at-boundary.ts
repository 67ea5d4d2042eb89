import { charLength, splitTags, utf8Length } from '../catalog/index.ts'

/**
 * True when a sent value reaches one of the limits declared on its parameter: a length, a count or
 * a tag at (or past) its maximum, a text at its minimum. A pattern has no boundary value: it is
 * touched only when the server refused a value for it (`computeCoverage` checks that).
 */
export function atBoundary(value: unknown, limits: Record<string, unknown>): boolean {
  return Object.entries(limits).some(([kind, bound]) => {
    if (typeof bound !== 'number') return false
    switch (kind) {
      case 'maxBytes':
        return typeof value === 'string' && utf8Length(value) >= bound
      case 'maxChars':
        return typeof value === 'string' && charLength(value) >= bound
      case 'minChars':
        return typeof value === 'string' && charLength(value) <= bound
      case 'maxItems':
        return itemCount(value) >= bound
      case 'maxTags':
        return tags(value).length >= bound
      case 'maxTagBytes':
        return tags(value).some((tag) => utf8Length(tag) >= bound)
      default:
        return false
    }
  })
}

function itemCount(value: unknown): number {
  if (Array.isArray(value)) return value.length
  if (typeof value !== 'string') return 0
  try {
    const parsed = JSON.parse(value)
    return Array.isArray(parsed) ? parsed.length : 0
  } catch {
    return 0
  }
}

function tags(value: unknown): string[] {
  if (typeof value === 'string') return splitTags(value)
  if (Array.isArray(value)) return value.filter((tag): tag is string => typeof tag === 'string')
  return []
}

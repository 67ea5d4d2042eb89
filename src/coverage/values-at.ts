/**
 * Every value a request sent at a parameter path (`Title`, `UpdateContent[].Tags`): a JSON-array
 * parameter sent as text is read as its items. A path the request did not send gives none.
 */
export function valuesAt(params: Record<string, unknown> | undefined, path: string): unknown[] {
  if (params === undefined) return []
  let values: unknown[] = [params]
  for (const segment of path.split('.')) {
    const many = segment.endsWith('[]')
    const name = many ? segment.slice(0, -2) : segment
    values = values.flatMap((value) => {
      if (typeof value !== 'object' || value === null || !Object.hasOwn(value, name)) return []
      const found = (value as Record<string, unknown>)[name]
      if (!many) return [found]
      const items = typeof found === 'string' ? parseOrUndefined(found) : found
      return Array.isArray(items) ? items : []
    })
  }
  return values.filter((value) => value !== undefined)
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

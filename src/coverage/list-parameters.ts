import { z } from 'zod'

/**
 * The documented parameters of an input schema, by path: each top-level field, and each field of
 * the items of a JSON-array parameter whose item schema is declared (`UpdateContent[].Title`).
 */
export function listParameters(schema: z.ZodType, prefix = ''): string[] {
  if (!(schema instanceof z.ZodObject)) return []
  return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, field]) => {
    const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field
    const item = (inner.meta() as { item?: z.ZodType } | undefined)?.item
    const path = `${prefix}${key}`
    return item ? [path, ...listParameters(item, `${path}[].`)] : [path]
  })
}

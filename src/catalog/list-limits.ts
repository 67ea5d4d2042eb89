import { z } from 'zod'
import type { LimitMeta, LimitSource } from './limits.ts'

/** One enforced limit of an operation's input, with its source. */
export type LimitEntry = { param: string; limits: Record<string, unknown>; source: LimitSource }

/**
 * The limits an input schema enforces, by parameter path (`UpdateContent[].Tags` for an item of a
 * JSON-array parameter), each with its source; a limit built without a source is not listed.
 */
export function listLimits(schema: z.ZodType, prefix = ''): LimitEntry[] {
  if (!(schema instanceof z.ZodObject)) return []
  return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, field]) => {
    const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field
    const meta = inner.meta() as Partial<LimitMeta> | undefined
    const param = `${prefix}${key}`
    const own =
      meta?.limits && meta.limitSource
        ? [{ param, limits: meta.limits, source: meta.limitSource }]
        : []
    return meta?.item ? [...own, ...listLimits(meta.item, `${param}[].`)] : own
  })
}

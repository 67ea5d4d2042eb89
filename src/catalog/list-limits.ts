import { z } from 'zod'
import { type Charset, describeCharset, type LimitMeta, type LimitSource } from './limits.ts'

/** One enforced rule of an operation's input, with its source and the words that state it. */
export type LimitEntry = {
  param: string
  limits: Record<string, unknown>
  source: LimitSource
  quote: readonly string[]
  /** The schema the rule sits on (the boundary suite reads its optionality and item). */
  schema: z.ZodType
  optional: boolean
}

/**
 * The rules an input schema enforces, by parameter path (`UpdateContent[].Tags` for an item of a
 * JSON-array parameter), each with its source; a rule on an object (one of several parameters
 * required) is listed under those parameters joined by `or`.
 */
export function listLimits(schema: z.ZodType, prefix = ''): LimitEntry[] {
  if (!(schema instanceof z.ZodObject)) return []
  const own = entry(`${prefix}${ruleParams(schema, prefix)}`, schema, false)
  const fields = Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(
    ([key, field]) => {
      const optional = field instanceof z.ZodOptional
      const inner = optional ? (field.unwrap() as z.ZodType) : field
      const param = `${prefix}${key}`
      const meta = inner.meta() as Partial<LimitMeta> | undefined
      const mine = entry(param, inner, optional)
      return meta?.item ? [...mine, ...listLimits(meta.item, `${param}[].`)] : mine
    },
  )
  return [...fields, ...own]
}

function ruleParams(schema: z.ZodType, prefix: string): string {
  const keys = (schema.meta() as Partial<LimitMeta> | undefined)?.limits?.['oneRequired']
  return Array.isArray(keys) ? keys.join(` or ${prefix}`) : ''
}

function entry(param: string, schema: z.ZodType, optional: boolean): LimitEntry[] {
  const meta = schema.meta() as Partial<LimitMeta> | undefined
  if (!meta?.limits || !meta.limitSource) return []
  const quote = meta.quote === undefined ? [] : [meta.quote].flat()
  return [{ param, limits: meta.limits, source: meta.limitSource, quote, schema, optional }]
}

/** A rule as the README reads it: `maxBytes 128, noEmoji`, `6 to 64 characters of [A-Za-z0-9_-]`. */
export function describeLimits(limits: Record<string, unknown>): string {
  return Object.entries(limits)
    .map(([name, value]) => {
      if (name === 'charset') return describeCharset(value as Charset)
      if (name === 'oneOf') return `one of ${(value as string[]).join(', ')}`
      if (name === 'oneRequired') return `one of ${(value as string[]).join(', ')} required`
      if (value === true) return name
      return `${name} ${typeof value === 'string' ? value : JSON.stringify(value)}`
    })
    .join(', ')
}

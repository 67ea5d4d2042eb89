import { z } from 'zod'
import type { FaultKind } from './faults.ts'
import { isJsonInteger, jsonIntegerText, parseJsonLossless } from './parse-json-lossless.ts'

/**
 * zod building blocks for the documented limits. zod's `.max()` counts UTF-16 units; the vendors
 * count UTF-8 bytes, so byte limits are refinements. A refinement that maps to a specific vendor
 * error carries `params.fault`, which `validateInput` turns into that fault.
 */

/** Length of a string in UTF-8 bytes, as the vendors count it. */
export function utf8Length(value: string): number {
  return Buffer.byteLength(value, 'utf8')
}

/** Length in Unicode code points (Tencent counts characters). */
export function charLength(value: string): number {
  let n = 0
  for (const _ of value) n++
  return n
}

// What the vendors call "emoticons": pictographs shown as emoji by default, any pictograph outside
// the BMP (4 bytes in UTF-8, which the backing stores reject), a pictograph forced to emoji
// presentation with U+FE0F, and flag letters. Text symbols such as © ® ™ and digits are allowed.
const EMOJI =
  /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F|[\u{1F000}-\u{1FAFF}]|[\u{1F1E6}-\u{1F1FF}]/u

/** True when the text holds an emoji the vendors refuse. */
function hasEmoji(value: string): boolean {
  return EMOJI.test(value)
}

/**
 * Where an enforced rule comes from: a seed document (`seed 001`), a section of protocols.md, or
 * `inferred` when no source states it. Kept on the schema as zod metadata (`listLimits`).
 */
export type LimitSource = `seed ${string}` | `protocols.md §${string}` | 'inferred'

/**
 * Where a rule is stated: its source and, for a seed or protocols.md, the words that state it,
 * verbatim (whitespace aside), each number of the rule among them (the boundary suite checks).
 */
export type RuleSource = { source: LimitSource; quote?: string | readonly string[] }

/**
 * What a ruled schema carries as zod metadata: its rules (the boundary suite derives its cases
 * from them, so they describe everything the schema enforces), their source, an array's item.
 */
export type LimitMeta = {
  limits: Record<string, unknown>
  limitSource: LimitSource
  quote?: string | readonly string[]
  item?: z.ZodType
}

function withLimits<T extends z.ZodType>(
  schema: T,
  limits: Record<string, unknown>,
  { source, quote }: RuleSource,
  item?: z.ZodType,
): T {
  const meta: LimitMeta = {
    limits,
    limitSource: source,
    ...(quote === undefined ? {} : { quote }),
    ...(item === undefined ? {} : { item }),
  }
  return schema.meta(meta) as T
}

type Issue = { message: string; fault?: FaultKind; max?: number }

function issue(ctx: z.RefinementCtx, { message, fault, max }: Issue): void {
  ctx.addIssue({
    code: 'custom',
    message,
    params: { ...(fault ? { fault } : {}), ...(max === undefined ? {} : { max: String(max) }) },
  })
}

/**
 * A whole-string character rule: `prefix`, then `minChars` to `maxChars` characters of the class
 * `chars` (a regex class body, `u` flag), or the empty string when `orEmpty`.
 */
export type Charset = {
  chars: string
  minChars: number
  maxChars: number
  prefix?: string
  orEmpty?: boolean
  /** The fault a value off the rule is (default `InvalidParameter`). */
  fault?: FaultKind
}

/** The regex a {@link Charset} rule compiles to. */
export function charsetRegex({ chars, minChars, maxChars, prefix = '', orEmpty }: Charset): RegExp {
  const body = `${escapeRegex(prefix)}[${chars}]{${minChars},${maxChars}}`
  return new RegExp(`^(?:${body}${orEmpty ? '|' : ''})$`, 'u')
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

const HAN = '\\p{Script=Han}'

/** How a charset rule reads in messages and the README. */
export function describeCharset({ chars, minChars, maxChars, prefix, orEmpty }: Charset): string {
  const count = minChars === maxChars ? `${maxChars}` : `${minChars} to ${maxChars}`
  const han = chars.includes(HAN)
  const run = `${count} characters of [${chars.replace(HAN, '')}]${han ? ' or CJK' : ''}`
  return `${prefix ? `"${prefix}" then ` : ''}${run}${orEmpty ? ', or empty' : ''}`
}

export type TextLimits = {
  /** Maximum length in UTF-8 bytes. */
  maxBytes?: number
  /** Maximum length in code points. */
  maxChars?: number
  /** Reject emoji (VOD Title, Description, Tags). */
  noEmoji?: boolean
  /** Allowed characters and length, as a whole-string rule. */
  charset?: Charset
  /** An empty string counts as a missing parameter (Huawei `path`). */
  nonEmpty?: boolean
}

/** A string with byte, character, charset and emoji limits, stated by `from`. */
export function text(limits: TextLimits, from?: RuleSource): z.ZodType<string, string> {
  const { maxBytes, maxChars, noEmoji, charset, nonEmpty } = limits
  const regex = charset && charsetRegex(charset)
  const schema = z.string().superRefine((value, ctx) => {
    if (nonEmpty && value.length === 0) {
      issue(ctx, { message: 'must not be empty', fault: 'MissingParameter' })
      return
    }
    if (maxBytes !== undefined && utf8Length(value) > maxBytes) {
      const message = `must be at most ${maxBytes} bytes in UTF-8, got ${utf8Length(value)}`
      issue(ctx, { message, fault: 'ValueTooLarge', max: maxBytes })
    }
    if (maxChars !== undefined && charLength(value) > maxChars) {
      const message = `must be at most ${maxChars} characters, got ${charLength(value)}`
      issue(ctx, { message, fault: 'ValueTooLarge', max: maxChars })
    }
    if (noEmoji && hasEmoji(value)) issue(ctx, { message: 'must not contain emoji' })
    if (charset && regex && !regex.test(value)) {
      issue(ctx, {
        message: `must be ${describeCharset(charset)}`,
        ...(charset.fault ? { fault: charset.fault } : {}),
      })
    }
  })
  return from ? withLimits(schema, { ...limits }, from) : schema
}

export type TagLimits = {
  maxTags: number
  maxTagBytes: number
  noEmoji?: boolean
}

/** Splits a comma-separated tag list as the vendors do: trimmed, empty entries dropped. */
export function splitTags(value: string): string[] {
  return value
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0)
}

/** A comma-separated tag list: at most `maxTags` tags of at most `maxTagBytes` UTF-8 bytes each. */
export function tagList(
  { maxTags, maxTagBytes, noEmoji }: TagLimits,
  from?: RuleSource,
): z.ZodType<string, string> {
  const schema = z.string().superRefine((value, ctx) => {
    const tags = splitTags(value)
    if (tags.length > maxTags) {
      issue(ctx, {
        message: `must hold at most ${maxTags} tags, got ${tags.length}`,
        fault: 'ValueTooLarge',
      })
    }
    for (const tag of tags) {
      if (utf8Length(tag) > maxTagBytes) {
        const message = `tag "${tag}" is ${utf8Length(tag)} bytes in UTF-8, the limit is ${maxTagBytes}`
        issue(ctx, { message, fault: 'ValueTooLarge', max: maxTagBytes })
      }
      if (noEmoji && hasEmoji(tag)) issue(ctx, { message: `tag "${tag}" must not contain emoji` })
    }
  })
  const limits = { maxTags, maxTagBytes, ...(noEmoji ? { noEmoji } : {}) }
  return from ? withLimits(schema, limits, from) : schema
}

/** One of the listed values (an enum parameter), stated by `from`. */
export function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
  from: RuleSource,
): z.ZodEnum<{ [K in T[number]]: K }> {
  return withLimits(z.enum(values), { oneOf: values }, from)
}

/** A boolean sent as the strings "true" / "false" (RPC query values) or as a JSON boolean. */
export function bool(from: RuleSource): z.ZodType<boolean, unknown> {
  const schema = z
    .union([z.boolean(), z.enum(['true', 'false', 'True', 'False'])])
    .transform((value) => value === true || String(value).toLowerCase() === 'true')
  return withLimits(schema, { type: 'boolean' }, from)
}

/** A JSON object of any values (Huawei `tags`), stated by `from`. */
export function jsonObject(from: RuleSource): z.ZodType<Record<string, unknown>> {
  return withLimits(z.record(z.string(), z.unknown()), { type: 'object' }, from)
}

/**
 * At least one of `keys` present and not empty (IMS MediaId or InputURL; VOD VideoId or
 * ReferenceId), else the first is the missing parameter; stated by `from`.
 */
export function requireOneOf<T extends z.ZodObject>(
  schema: T,
  keys: readonly [string, ...string[]],
  from: RuleSource,
): T {
  const refined = schema.refine(
    (value) => keys.some((key) => Boolean((value as Record<string, unknown>)[key])),
    {
      path: [keys[0]],
      message: `or ${keys.slice(1).join(' or ')} is required`,
      params: { fault: 'MissingParameter' },
    },
  )
  return withLimits(refined as T, { oneRequired: keys }, from)
}

const LONG_MIN = -(2n ** 63n)
const LONG_MAX = 2n ** 63n - 1n

/**
 * A Java Long (VOD and IMS `CateId`), sent as a decimal string or a JSON integer (read digit for
 * digit past 2^53 by {@link parseJsonLossless}), kept as its decimal string so that it round-trips
 * exactly; a value outside the Long range is the vendor's parameter error.
 */
export function long(from: RuleSource): z.ZodType<string, unknown> {
  return withLimits(longSchema, { type: 'Long' }, from)
}

const longSchema: z.ZodType<string, unknown> = z.unknown().transform((value, ctx) => {
  const digits = longDigits(value)
  if (digits === undefined) {
    const unsafe = typeof value === 'number' && Number.isInteger(value)
    issue(ctx, {
      message: unsafe
        ? `must be an integer the JSON text keeps exactly, got ${value}: send it as a string`
        : 'must be an integer',
    })
    return z.NEVER
  }
  const parsed = digits.length > 20 ? undefined : BigInt(digits)
  if (parsed === undefined || parsed < LONG_MIN || parsed > LONG_MAX) {
    issue(ctx, { message: `must be a Long (${LONG_MIN} to ${LONG_MAX}), got ${digits}` })
    return z.NEVER
  }
  return parsed.toString()
})

function longDigits(value: unknown): string | undefined {
  if (isJsonInteger(value)) return jsonIntegerText(value)
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : undefined
  return typeof value === 'string' && /^-?\d+$/.test(value) ? value : undefined
}

/**
 * A string parameter holding a JSON array (UpdateContent), parsed and checked item by item. More
 * than `max` items is the vendor's `CountExceededMax`, checked before any item.
 */
export function jsonArrayString<T extends z.ZodType>(
  item: T,
  max: number,
  from: RuleSource,
): z.ZodType<z.output<T>[], string> {
  const schema = z
    .string()
    .transform((value, ctx): unknown[] => {
      let parsed: unknown
      try {
        parsed = parseJsonLossless(value)
      } catch (error) {
        issue(ctx, { message: `must be a JSON array: ${(error as Error).message}` })
        return z.NEVER
      }
      if (!Array.isArray(parsed)) {
        issue(ctx, {
          message: `must be a JSON array, got ${parsed === null ? 'null' : typeof parsed}`,
        })
        return z.NEVER
      }
      if (parsed.length === 0) {
        issue(ctx, { message: 'must hold at least one item' })
        return z.NEVER
      }
      if (parsed.length > max) {
        issue(ctx, { message: `holds ${parsed.length} items`, fault: 'CountExceeded', max })
        return z.NEVER
      }
      return parsed
    })
    .pipe(z.array(item)) as unknown as z.ZodType<z.output<T>[], string>
  return withLimits(schema, { maxItems: max }, from, item)
}

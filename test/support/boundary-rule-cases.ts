import type { Charset, FaultKind, LimitEntry } from '../../src/catalog/index.ts'
import { charsetRegex } from '../../src/catalog/index.ts'

// The boundary suite's values for one rule of the catalogue (`listLimits`): just inside and just
// outside it. A kind of rule this file does not know is an error, so a new one cannot go untested.

/** A JSON number written digit for digit into UpdateContent (past 2^53, where a double rounds). */
export type RawNumber = { raw: string }
const raw = (digits: string): RawNumber => ({ raw: digits })
export const isRaw = (value: unknown): value is RawNumber =>
  typeof value === 'object' && value !== null && 'raw' in value
export const ABSENT = Symbol('absent')

/** What a case expects: success, success or the op's NotFound (a locator naming nothing), a fault. */
export type Expect = 'ok' | 'accepted' | FaultKind
export type Case = { name: string; param: string; value: unknown; expect: Expect }

// Characters of each UTF-8 width, none of them emoji: 'a' 1 byte, 'é' 2, '中' 3, '𠀀' 4 (CJK Ext B).
const WIDE = { 2: 'é', 3: '中', 4: '𠀀' } as const
const CHARSET_CANDIDATES = ['a', 'Z', '0', '-', '_', '中', 'é', '𠀀']
const OFF_CHARSET = [' ', '.', '!', '中', 'é', '😀']
const LONG_INSIDE = [
  '9223372036854775807',
  '-9223372036854775808',
  '9007199254740991',
  '9007199254740992',
  '9007199254740993',
]
const LONG_OUTSIDE = ['9223372036854775808', '-9223372036854775809', '1.5']

/** `n` bytes of text ending in a character `width` bytes wide. */
const bytesEndingWide = (n: number, width: 2 | 3 | 4) => `${'a'.repeat(n - width)}${WIDE[width]}`

function charsetFill(charset: Charset, length: number): string {
  const one = new RegExp(`^[${charset.chars}]$`, 'u')
  const usable = CHARSET_CANDIDATES.filter((c) => one.test(c))
  if (usable.length === 0) throw new Error(`no candidate character fits [${charset.chars}]`)
  return Array.from({ length }, (_, i) => usable[i % usable.length]).join('')
}

export function casesForRule(entry: LimitEntry, base: unknown): Case[] {
  const { param, limits } = entry
  const out: Case[] = []
  const add = (name: string, value: unknown, expect: Expect) =>
    out.push({ name: `${param} ${name}`, param, value, expect })
  const inside: Expect = base === undefined ? 'ok' : 'accepted'
  for (const [kind, limit] of Object.entries(limits)) {
    switch (kind) {
      case 'maxBytes': {
        const n = limit as number
        for (const width of [2, 3, 4] as const) {
          add(`${n} bytes ending in a ${width}-byte character`, bytesEndingWide(n, width), inside)
          add(
            `${n + 1} bytes ending in a ${width}-byte character`,
            bytesEndingWide(n + 1, width),
            'ValueTooLarge',
          )
        }
        break
      }
      case 'maxChars': {
        const n = limit as number
        for (const width of [3, 4] as const) {
          add(`${n} characters of ${width} bytes`, WIDE[width].repeat(n), inside)
          add(`${n + 1} characters of ${width} bytes`, WIDE[width].repeat(n + 1), 'ValueTooLarge')
        }
        break
      }
      case 'noEmoji':
        add('with a text symbol (©®™)', 'a©®™', inside)
        add('with an emoji', 'a😀', 'InvalidParameter')
        break
      case 'maxTags': {
        const n = limit as number
        const list = (count: number) => Array.from({ length: count }, (_, i) => `t${i}`).join(',')
        add(`of ${n} tags`, list(n), inside)
        add(`of ${n + 1} tags`, list(n + 1), 'ValueTooLarge')
        break
      }
      case 'maxTagBytes': {
        const n = limit as number
        for (const width of [2, 3, 4] as const) {
          const tag = (bytes: number) => bytesEndingWide(bytes, width)
          add(
            `with tags of ${n} bytes ending in ${width}-byte characters`,
            `${tag(n)},${tag(n)}`,
            inside,
          )
          add(
            `with a tag of ${n + 1} bytes ending in a ${width}-byte character`,
            `ok,${tag(n + 1)}`,
            'ValueTooLarge',
          )
        }
        break
      }
      case 'charset': {
        const charset = limit as Charset
        const prefix = charset.prefix ?? ''
        const fault = charset.fault ?? 'InvalidParameter'
        const { minChars: min, maxChars: max } = charset
        add(`of ${max} allowed characters`, prefix + charsetFill(charset, max), inside)
        if (min > 0) add(`of ${min} allowed characters`, prefix + charsetFill(charset, min), inside)
        if (charset.orEmpty) add('empty', '', inside)
        add(`of ${max + 1} allowed characters`, prefix + charsetFill(charset, max + 1), fault)
        if (min > 1 || (min === 1 && !charset.orEmpty))
          add(`of ${min - 1} allowed characters`, prefix + charsetFill(charset, min - 1), fault)
        const off = OFF_CHARSET.find((c) => !new RegExp(`^[${charset.chars}]$`, 'u').test(c))!
        add(`with "${off}"`, `${prefix}${charsetFill(charset, max - 1)}${off}`, fault)
        if (prefix) add(`without "${prefix}"`, charsetFill(charset, max), fault)
        // The rule must be exactly what the generator reads: its regex agrees on every value.
        for (const c of out) {
          const accepted = c.expect === 'ok' || c.expect === 'accepted'
          if (typeof c.value === 'string' && charsetRegex(charset).test(c.value) !== accepted)
            throw new Error(`charset case "${c.name}" disagrees with the rule's regex`)
        }
        break
      }
      case 'oneOf':
        for (const value of limit as string[]) add(`= ${value}`, value, inside)
        add(`= not-${(limit as string[])[0]}`, `not-${(limit as string[])[0]}`, 'InvalidParameter')
        break
      case 'type':
        if (limit === 'Long') {
          for (const v of LONG_INSIDE) add(`= "${v}"`, v, inside)
          for (const v of LONG_OUTSIDE) add(`= "${v}"`, v, 'InvalidParameter')
          if (param.includes('[].')) {
            add('= 9223372036854775807 as a JSON number', raw('9223372036854775807'), inside)
            add('= 9007199254740993 as a JSON number', raw('9007199254740993'), inside)
            add(
              '= 9223372036854775808 as a JSON number',
              raw('9223372036854775808'),
              'InvalidParameter',
            )
          }
        } else if (limit === 'boolean') {
          add('= "true"', 'true', inside)
          add('= "false"', 'false', inside)
          add('= "yes"', 'yes', 'InvalidParameter')
        } else if (limit === 'object') {
          const key = Object.keys((base ?? {}) as object)[0]
          add('= {}', {}, inside)
          if (key) add(`with a number value`, { [key]: 1 }, inside)
          add('= a string', 'x', 'InvalidParameter')
          add('= an array', ['x'], 'InvalidParameter')
        } else throw new Error(`the boundary suite has no cases for type "${String(limit)}"`)
        break
      case 'nonEmpty':
        add('empty', '', 'MissingParameter')
        break
      case 'oneRequired':
        add('all absent', ABSENT, 'MissingParameter')
        break
      case 'maxItems':
        // Handled by the caller, which knows the item.
        break
      default:
        throw new Error(`the boundary suite has no cases for the rule "${kind}" of ${param}`)
    }
  }
  return out
}

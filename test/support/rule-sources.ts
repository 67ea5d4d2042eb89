import { existsSync, readdirSync, readFileSync } from 'node:fs'
import type { Charset, LimitEntry } from '../../src/catalog/index.ts'

// Checks a sourced rule against its source: the reference documents beside the repository
// (`../shared`: seeds and protocols.md), absent on a bare clone.

/** Where the reference documents are; `SOURCES_PRESENT` is false without them. */
const SHARED = new URL('../../../shared/', import.meta.url)
export const SOURCES_PRESENT = existsSync(new URL('seeds/', SHARED))
const normalise = (text: string) => text.replace(/\s+/g, ' ').replace(/(\d),(\d{3})/g, '$1$2')

function sourceText(source: string): string {
  const seed = /^seed (\d{3})$/.exec(source)
  if (seed) {
    const dir = new URL('seeds/', SHARED)
    const file = readdirSync(dir).find((name) => name.startsWith(`${seed[1]}_`))!
    return readFileSync(new URL(file, dir), 'utf8')
  }
  const section = /^protocols\.md §([\d.]+)$/.exec(source)
  if (!section) throw new Error(`unknown source "${source}"`)
  const lines = readFileSync(new URL('reference/protocols.md', SHARED), 'utf8').split('\n')
  const start = lines.findIndex((l) =>
    new RegExp(`^#+ ${section[1]!.replaceAll('.', '\\.')}[. ]`).test(l),
  )
  const level = /^#+/.exec(lines[start] ?? '')?.[0].length ?? 0
  const end = lines.findIndex(
    (l, i) => i > start && /^#+ /.test(l) && /^#+/.exec(l)![0].length <= level,
  )
  if (start < 0) throw new Error(`protocols.md has no section ${section[1]}`)
  return lines.slice(start, end < 0 ? undefined : end).join('\n')
}

function numbersOf(limits: Record<string, unknown>): number[] {
  return Object.entries(limits).flatMap(([name, value]) => {
    if (typeof value === 'number') return [value]
    if (name === 'charset') return [(value as Charset).minChars, (value as Charset).maxChars]
    return []
  })
}

/** What is wrong with a sourced rule's quote: not verbatim in its source, or not stating the rule. */
export function quoteProblems(where: string, e: LimitEntry): string[] {
  if (e.quote.length === 0) return [`${where}: no quote`]
  const text = normalise(sourceText(e.source))
  const quote = normalise(e.quote.join(' '))
  const missing = e.quote
    .filter((q) => !text.includes(normalise(q)))
    .map((q) => `${where}: "${q}" is not in the source`)
  const numbers = numbersOf(e.limits)
    .filter((n) => !new RegExp(`(^|[^\\d])${n}([^\\d]|$)`).test(quote))
    .map((n) => `${where}: the quote does not state ${n}`)
  const values = ((e.limits['oneOf'] as string[] | undefined) ?? [])
    .filter((v) => !quote.includes(v))
    .map((v) => `${where}: the quote does not list ${v}`)
  return [...missing, ...numbers, ...values]
}

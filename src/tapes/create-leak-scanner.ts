import { builtInRegistry, type Registry } from '../protocols/index.ts'
import {
  findKeyShapes,
  keyShapesOf,
  type Leak,
  leakForms,
  MIN_SECRET_LENGTH,
  SECRET_LEAK,
} from './find-leaks.ts'

/** A leak scan whose secret set grows (each interaction adds the values redaction removed). */
export type LeakScanner = {
  /** Adds a secret (its raw, URL-encoded and JSON-escaped spellings) to the set. */
  add(secret: string): void
  /** Lists the leaks in `text`, like `findLeaks` with every secret added so far. */
  scan(text: string): Leak[]
}

/** Up to this many spellings are searched one by one (`indexOf`); above, through the hash index. */
const DIRECT_FORMS = 32
const BASE = 31
/** BASE to the power MIN_SECRET_LENGTH - 1, modulo 2^32. */
const BASE_TOP = Array.from({ length: MIN_SECRET_LENGTH - 1 }).reduce<number>(
  (power) => Math.imul(power, BASE),
  1,
)
/** Keeps a hash a small integer (a V8 Smi: no allocation per lookup). */
const HASH_MASK = 0x3fffffff

/**
 * Creates a leak scan that costs the same whatever the number of secrets: a recorder adds every
 * signature it redacts (100,000 interactions, 100,000 values), and `findLeaks` would search each.
 * Past a few spellings, each is indexed by a rolling hash of its first `MIN_SECRET_LENGTH`
 * characters, and the text is walked once (Rabin–Karp): one lookup per character, then a
 * comparison only where a spelling's first characters match. Finds what `findLeaks` finds.
 */
export function createLeakScanner(
  secrets: Iterable<string> = [],
  registry: Registry = builtInRegistry,
): LeakScanner {
  // The shapes are the registry's, gathered once: `scan` runs on every recorded interaction.
  const shapes = keyShapesOf(registry)
  const forms = new Set<string>()
  const byHash = new Map<number, string[]>()
  const scanner: LeakScanner = {
    add(secret) {
      for (const form of leakForms(secret)) {
        if (forms.has(form)) continue
        forms.add(form)
        const hash = hashOf(form, 0) & HASH_MASK
        const list = byHash.get(hash)
        if (list) list.push(form)
        else byHash.set(hash, [form])
      }
    },
    scan(text) {
      const leaks = forms.size <= DIRECT_FORMS ? scanDirect(text, forms) : scanHashed(text, byHash)
      leaks.push(...findKeyShapes(text, shapes))
      return leaks
    },
  }
  for (const secret of secrets) scanner.add(secret)
  return scanner
}

function scanDirect(text: string, forms: Iterable<string>): Leak[] {
  const leaks: Leak[] = []
  for (const form of forms) {
    const at = text.indexOf(form)
    if (at !== -1) leaks.push({ kind: SECRET_LEAK, at })
  }
  return leaks
}

function scanHashed(text: string, byHash: Map<number, string[]>): Leak[] {
  const leaks: Leak[] = []
  if (text.length < MIN_SECRET_LENGTH) return leaks
  const found = new Set<string>()
  let hash = hashOf(text, 0)
  for (let start = 0; ; start++) {
    const list = byHash.get(hash & HASH_MASK)
    if (list) {
      for (const form of list) {
        if (!found.has(form) && text.startsWith(form, start)) {
          found.add(form)
          leaks.push({ kind: SECRET_LEAK, at: start })
        }
      }
    }
    const next = start + MIN_SECRET_LENGTH
    if (next >= text.length) return leaks
    const dropped = Math.imul(text.charCodeAt(start), BASE_TOP)
    hash = (Math.imul(hash - dropped, BASE) + text.charCodeAt(next)) | 0
  }
}

/** The rolling hash (unmasked) of `MIN_SECRET_LENGTH` characters of `text` from `from`. */
function hashOf(text: string, from: number): number {
  let hash = 0
  for (let i = from; i < from + MIN_SECRET_LENGTH; i++)
    hash = (Math.imul(hash, BASE) + text.charCodeAt(i)) | 0
  return hash
}

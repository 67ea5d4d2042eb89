/**
 * `JSON.parse` that keeps every digit of an integer past 2^53 (a Java Long such as VOD's `CateId`).
 * Node 20's `JSON.parse` has no access to a number's source text, so the integer tokens a double
 * cannot hold are quoted with a private mark before parsing and revived as {@link JsonInteger}s;
 * every other value parses exactly as `JSON.parse` would, and a syntax error is `JSON.parse`'s own.
 */

const INTEGER = Symbol('tapedeck.jsonInteger')

/** An integer token of the JSON text, digit for digit (only those past `Number.MAX_SAFE_INTEGER`). */
export type JsonInteger = { readonly [INTEGER]: string }

/** True for an integer {@link parseJsonLossless} kept as text. */
export function isJsonInteger(value: unknown): value is JsonInteger {
  return typeof value === 'object' && value !== null && INTEGER in value
}

/** The digits of a {@link JsonInteger}, as they were written. */
export function jsonIntegerText(value: JsonInteger): string {
  return value[INTEGER]
}

// A noncharacter: a text that holds it (or its escape) is parsed plainly rather than risk a clash.
const MARK = '\uFDD0'
// 2^53 has 16 digits: a text without a 16-digit run holds no unsafe integer.
const LONG_DIGITS = /\d{16}/
const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y

/** Parses JSON text; integers a double cannot hold exactly come back as {@link JsonInteger}s. */
export function parseJsonLossless(text: string): unknown {
  if (!LONG_DIGITS.test(text) || text.includes(MARK) || /\\ufdd0/i.test(text)) {
    return JSON.parse(text)
  }
  const rewritten = quoteUnsafeIntegers(text)
  if (rewritten === text) return JSON.parse(text)
  try {
    return JSON.parse(rewritten, (_key, value: unknown) =>
      typeof value === 'string' && value.startsWith(MARK)
        ? { [INTEGER]: value.slice(MARK.length) }
        : value,
    )
  } catch {
    return JSON.parse(text) // the error as the caller's text has it
  }
}

/** `JSON.stringify` that writes a {@link JsonInteger} back as the integer token it was read from. */
export function stringifyJsonLossless(value: unknown): string {
  const text = JSON.stringify(value, (_key, inner: unknown) =>
    isJsonInteger(inner) ? `${MARK}${jsonIntegerText(inner)}` : inner,
  )
  return text.includes(MARK) ? text.replace(new RegExp(`"${MARK}(-?\\d+)"`, 'g'), '$1') : text
}

/** Quotes (with the mark) each integer token outside strings that is not a safe integer. */
function quoteUnsafeIntegers(text: string): string {
  let out = ''
  let last = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x22) {
      // Skip a string literal, escapes included.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c) i++
      }
      continue
    }
    if (c !== 0x2d && (c < 0x30 || c > 0x39)) continue
    NUMBER.lastIndex = i
    const token = NUMBER.exec(text)?.[0]
    if (!token) continue
    if (!token.includes('.') && !/[eE]/.test(token) && !Number.isSafeInteger(Number(token))) {
      out += `${text.slice(last, i)}"${MARK}${token}"`
      last = i + token.length
    }
    i += token.length - 1
  }
  return out + text.slice(last)
}

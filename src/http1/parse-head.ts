/**
 * The head of an HTTP/1.1 request (RFC 9112 §2–§6): request line and header fields, read from
 * latin1 text without its final empty line. Strict where leniency lets two parsers disagree about
 * where a request ends (request smuggling): no whitespace before a colon, no obsolete line folding,
 * no bare CR or LF, one agreed `Content-Length`, `Transfer-Encoding` only ending in `chunked` and
 * never beside a `Content-Length`. Repeated fields are joined the way `node:http` joins them, so
 * the pipeline sees the same headers whichever door a request came through.
 */

import { TOKEN } from './token.ts'

/** How the body of a request is delimited. */
export type Framing = { kind: 'none' } | { kind: 'length'; length: number } | { kind: 'chunked' }

export type RequestHead = {
  method: string
  /** The request target as sent (origin form: path and query). */
  target: string
  /** 0 for HTTP/1.0, 1 for HTTP/1.1. */
  minor: 0 | 1
  /** Lower-case names; repeats joined as `node:http` does (see `addField`). */
  headers: Record<string, string>
  framing: Framing
  /** The connection stays open after the answer (HTTP/1.1 default, or 1.0 with keep-alive). */
  keepAlive: boolean
  /** `Expect: 100-continue` was sent. */
  expectsContinue: boolean
}

/** Why a head cannot be served: the status to answer and the reason to give. */
export type HeadError = { status: 400 | 417 | 431 | 501 | 505; reason: string }

// A line may hold HTAB, visible ASCII, SP and obs-text: no other control character, and so no
// bare CR or LF (lines were split at CRLF). A negated class: the fastest form V8 runs here.
const FORBIDDEN = /[^\t\x20-\x7e\x80-\xff]/
const VERSION = /^HTTP\/1\.([01])$/
const ANY_VERSION = /^HTTP\/\d\.\d$/
const DIGITS = /^\d+$/
// origin-form, absolute-form or `*` (RFC 9112 §3.2), in visible ASCII: raw octets from 0x80 are
// refused as node:http does; characters RFC 3986 excludes but clients send (`{`, `|`) pass.
const TARGET = /^(?:\/|[a-zA-Z][a-zA-Z0-9+.-]*:\/\/|\*$)[\x21-\x7e]*$/

// `node:http` keeps the first of these when repeated and drops the rest.
const SINGLE = new Set([
  'age',
  'authorization',
  'content-length',
  'content-type',
  'etag',
  'expires',
  'from',
  'host',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'proxy-authorization',
  'referer',
  'retry-after',
  'server',
  'user-agent',
])

/**
 * Parses a request head; an error names the status and what was wrong. `maxFieldBytes` bounds
 * the target, field names and values together, which is what `node:http`'s `maxHeaderSize` counts.
 */
export function parseHead(head: string, maxFieldBytes: number): RequestHead | HeadError {
  const lines = head.split('\r\n')
  for (const line of lines)
    if (!isFieldText(line)) return bad('a control character, or a bare CR or LF')
  const [method, target, version, extra] = lines[0]!.split(' ')
  if (extra !== undefined || !method || !target || !version) return bad('a malformed request line')
  if (!TOKEN.test(method)) return bad('a malformed method')
  if (method === 'CONNECT')
    return { status: 501, reason: 'CONNECT is not supported: this is no proxy' }
  if (!TARGET.test(target)) return bad('a malformed request target')
  let counted = target.length
  const minor = VERSION.exec(version)?.[1]
  if (minor === undefined) {
    return ANY_VERSION.test(version)
      ? { status: 505, reason: `${version} is not supported; send HTTP/1.1` }
      : bad('a malformed HTTP version')
  }
  const headers: Record<string, string> = Object.create(FIELDS)
  let lengths: string | undefined
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!
    const colon = line.indexOf(':')
    const name = colon > 0 ? line.slice(0, colon) : ''
    // The line itself is not echoed: it may be a credential.
    if (!TOKEN.test(name)) return bad(`a malformed header field (line ${i + 1} of the head)`)
    const key = name.toLowerCase()
    const value = trimOws(line, colon + 1)
    counted += name.length + value.length
    if (key === 'content-length') {
      if (lengths !== undefined && lengths !== value) return bad('conflicting Content-Length')
      lengths = value
    }
    addField(headers, key, value)
  }
  if (counted >= maxFieldBytes)
    return { status: 431, reason: 'the request headers exceed the limit' }
  return finish(method, target, minor === '1' ? 1 : 0, headers, lengths)
}

function finish(
  method: string,
  target: string,
  minor: 0 | 1,
  headers: Record<string, string>,
  length: string | undefined,
): RequestHead | HeadError {
  if (minor === 1 && headers['host'] === undefined) return bad('no Host header')
  const coding = headers['transfer-encoding']
  let framing: Framing = { kind: 'none' }
  if (coding !== undefined) {
    if (length !== undefined) return bad('both Content-Length and Transfer-Encoding')
    // Chunked must be the last coding, and only once (RFC 9112 §6.1); HTTP/1.0 knows no codings.
    const codings = coding.toLowerCase().split(',')
    const chunked = codings.filter((name) => name.trim() === 'chunked').length
    if (minor === 0) return bad('a Transfer-Encoding, which HTTP/1.0 does not know')
    if (codings[codings.length - 1]!.trim() !== 'chunked' || chunked > 1) {
      return bad('a Transfer-Encoding that does not end in chunked, once')
    }
    framing = { kind: 'chunked' }
  } else if (length !== undefined) {
    if (!DIGITS.test(length)) return bad('a malformed Content-Length')
    // Leading zeros are allowed; a length past 2^53 is only ever too large, never wrapped.
    const size = Number(length)
    if (size > 0) framing = { kind: 'length', length: size }
  }
  const connection = headers['connection']?.toLowerCase() ?? ''
  const keepAlive =
    minor === 1 ? !hasToken(connection, 'close') : hasToken(connection, 'keep-alive')
  const expect = headers['expect']
  if (expect !== undefined && expect.toLowerCase() !== '100-continue') {
    return { status: 417, reason: `the expectation "${clip(expect)}" cannot be met` }
  }
  return {
    method,
    target,
    minor,
    headers,
    framing,
    keepAlive,
    expectsContinue: expect !== undefined && minor === 1,
  }
}

/** Adds one field the way `node:http` does: first wins, cookies join with `; `, others with `, `. */
function addField(headers: Record<string, string>, key: string, value: string): void {
  const prior = headers[key]
  if (prior === undefined) headers[key] = value
  else if (SINGLE.has(key)) return
  else headers[key] = `${prior}${key === 'cookie' ? '; ' : ', '}${value}`
}

function hasToken(list: string, token: string): boolean {
  if (list === token) return true
  if (list === '') return false
  for (const part of list.split(',')) if (part.trim() === token) return true
  return false
}

/** A field value without the optional whitespace (SP, HTAB) around it. */
function trimOws(line: string, from: number): string {
  let start = from
  let end = line.length
  while (start < end && isOws(line.charCodeAt(start))) start++
  while (end > start && isOws(line.charCodeAt(end - 1))) end--
  return line.slice(start, end)
}

const isOws = (code: number) => code === 0x20 || code === 0x09

// The prototype of every headers object: empty, so `constructor` or `__proto__` sent as a field is
// just a field. (`Object.create(null)` would do the same but makes a slow dictionary object.)
const FIELDS = Object.freeze(Object.create(null))

/** A line holds no control character but HTAB (no CR or LF either). */
export function isFieldText(line: string): boolean {
  return !FORBIDDEN.test(line)
}

/** A well-formed `name: value` line (a trailer field, say). */
export function isFieldLine(line: string): boolean {
  const colon = line.indexOf(':')
  return colon > 0 && TOKEN.test(line.slice(0, colon)) && isFieldText(line)
}

function bad(what: string): HeadError {
  return { status: 400, reason: `the request has ${what}` }
}

/** A fragment of client input for an error message: short, and only printable ASCII. */
function clip(text: string): string {
  const printable = text.replace(/[^\x20-\x7e]/g, '?')
  return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable
}

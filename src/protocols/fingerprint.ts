import type { Volatile, WireRequest } from './protocol.ts'

const FORM = 'application/x-www-form-urlencoded'

/**
 * A request as one string, its scheme's `volatile` parameters and headers left out: two sends of
 * one call (new timestamp, nonce and signature) give the same fingerprint, and any other byte that
 * differs (method, path, a parameter, a header, the body) gives another. Built without parsing, so
 * it costs a few string operations: replay keeps a memo from fingerprints to match keys, and a
 * fingerprint it has seen skips routing, parsing and key building.
 * @example fingerprint(request, { params: ['Timestamp', 'Signature'], headers: [] })
 * // 'GET /\nAction=UpdateImageInfos&Version=2017-03-21\nhost:127.0.0.1:8080\n\n'
 */
export function fingerprint(request: WireRequest, volatile: Volatile): string {
  let text = `${request.method} ${request.path}\n${dropParams(request.query, volatile.params)}\n`
  const { headers } = request
  for (const name in headers) {
    if (!volatile.headers.includes(name)) text += `${name}:${headers[name]}\n`
  }
  // latin1 maps each byte to one character: different bytes, different strings.
  const body = request.body.toString('latin1')
  const form = (headers['content-type'] ?? '').toLowerCase().startsWith(FORM)
  return `${text}\n${form ? dropParams(body, volatile.params) : body}`
}

/** `a=1&Timestamp=…&b=2` without the named parameters (names compared as sent). */
function dropParams(text: string, names: readonly string[]): string {
  if (text === '' || names.length === 0) return text
  let kept = ''
  for (const part of text.split('&')) {
    const eq = part.indexOf('=')
    if (names.includes(eq === -1 ? part : part.slice(0, eq))) continue
    kept += kept === '' ? part : `&${part}`
  }
  return kept
}

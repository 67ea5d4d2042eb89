import { FORM_TYPE, mediaType } from './parse-params.ts'
import type { Volatile, WireRequest } from './protocol.ts'

/**
 * A request as one string, its scheme's `volatile` parameters and headers left out: two sends of
 * one call (new timestamp, nonce and signature) give the same fingerprint, and any other byte that
 * differs (method, path, a parameter, a header, the body) gives another. Built without parsing, so
 * it costs a few string operations: replay keeps a memo from fingerprints to match keys, and a
 * fingerprint it has seen skips routing, parsing and key building.
 * @example fingerprint(request, { params: { Timestamp: '^.+$', Signature: '^.+$' }, headers: {} })
 * // 'GET /\nAction=UpdateImageInfos&Version=2017-03-21\nhost:127.0.0.1:8080\n\n'
 */
export function fingerprint(request: WireRequest, volatile: Volatile): string {
  let text = `${request.method} ${request.path}\n${dropParams(request.query, volatile.params)}\n`
  const { headers } = request
  for (const name in headers) {
    if (!Object.hasOwn(volatile.headers, name)) text += `${name}:${headers[name]}\n`
  }
  // latin1 maps each byte to one character: different bytes, different strings.
  const body = request.body.toString('latin1')
  // Only a body declared a form: a body without a type may be JSON (TC3), where cutting at `&`
  // could make two different calls look alike.
  const form = mediaType(headers['content-type']) === FORM_TYPE
  return `${text}\n${form ? dropParams(body, volatile.params) : body}`
}

/** `a=1&Timestamp=…&b=2` without the named parameters (names compared as sent). */
function dropParams(text: string, names: Readonly<Record<string, string>>): string {
  if (text === '') return text
  let kept = ''
  for (const part of text.split('&')) {
    const eq = part.indexOf('=')
    if (Object.hasOwn(names, eq === -1 ? part : part.slice(0, eq))) continue
    kept += kept === '' ? part : `&${part}`
  }
  return kept
}

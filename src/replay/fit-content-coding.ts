import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib'
import type { WireRequest, WireResponse } from '../protocols/index.ts'

const DECODERS: Readonly<Record<string, (bytes: Buffer) => Buffer>> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
}

// Decoded copies of recorded responses, made once each.
const decoded = new WeakMap<WireResponse, WireResponse>()

/**
 * A recorded response as this request may receive it. A tape keeps a compressed body as the
 * upstream sent it (gzip, br), which is what a client that accepts that coding gets; a client whose
 * `Accept-Encoding` refuses it (RFC 9110 §12.5.3: `identity` only, or the coding at q=0) gets the
 * body decoded, without `content-encoding`, as an origin would have sent it. A coding that cannot
 * be decoded here is sent as recorded.
 */
export function fitContentCoding(request: WireRequest, response: WireResponse): WireResponse {
  const coding = response.headers['content-encoding']
  if (typeof coding !== 'string') return response
  const name = coding.trim().toLowerCase()
  if (name === 'identity' || accepts(request.headers['accept-encoding'], name)) return response
  const decode = DECODERS[name]
  if (!decode) return response
  const known = decoded.get(response)
  if (known) return known
  let body: Buffer
  try {
    body = decode(typeof response.body === 'string' ? Buffer.from(response.body) : response.body)
  } catch {
    return response
  }
  const headers = { ...response.headers }
  delete headers['content-encoding']
  const plain = { status: response.status, headers, body }
  decoded.set(response, plain)
  return plain
}

/** Whether an `Accept-Encoding` value accepts `coding` (RFC 9110 §12.5.3). */
export function accepts(field: string | undefined, coding: string): boolean {
  // No field: any coding is acceptable.
  if (field === undefined) return true
  let star: number | undefined
  for (const part of field.split(',')) {
    const [token = '', ...params] = part.split(';')
    const name = token.trim().toLowerCase()
    if (name === '') continue
    const q = params
      .map((param) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(param)?.[1])
      .find((value) => value !== undefined)
    const weight = q === undefined ? 1 : Number(q)
    if (name === coding) return weight > 0
    if (name === '*') star = weight
  }
  return star !== undefined && star > 0
}

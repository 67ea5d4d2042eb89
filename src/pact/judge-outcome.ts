import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib'
import type { ParsedResponse, Registry, WireRequest, WireResponse } from '../protocols/index.ts'
import { readRequest } from '../tapes/index.ts'
import type { Mismatch } from './verify-provider.ts'

/** A Pact v4 response as a pact file holds it. */
export type PactResponse = {
  status?: number
  headers?: Record<string, string | string[]>
  body?: { content?: unknown; contentType?: string; encoded?: boolean | string }
}

/**
 * Pact allows extra keys, so a vendor error envelope can match a success interaction (Tencent 3.0's
 * `{"Response":{"Error":…}}` holds the `RequestId` a success expects). This reads the answer and
 * the contract's expected response with the request's own scheme (`readResponse`, the reference
 * client's reading) and reports, whatever Pact's matching said: a vendor error where the contract
 * expects a success, a success where it expects an error, and a different error code (`sameKind`).
 * Undefined when they agree, or when no scheme reads the request (nothing to judge by).
 */
export function judgeOutcome(
  request: WireRequest,
  actual: WireResponse,
  expected: PactResponse,
  registry?: Registry,
): (Mismatch & { sameKind: boolean }) | undefined {
  const read = readRequest(request, registry)
  if (!read?.operation) return undefined
  const { protocol, operation } = read
  const want = protocol.readResponse(fromPact(expected), operation)
  const got = protocol.readResponse(decoded(actual), operation)
  const describe = (r: ParsedResponse) =>
    r.ok ? 'a success' : `the vendor error ${r.code} (HTTP ${r.status}: ${r.message.slice(0, 120)})`
  if (want.ok && !got.ok)
    return {
      path: '$',
      message: `the provider answered ${describe(got)}, where the contract expects a success`,
      expected: 'a success',
      actual: got.code,
      sameKind: false,
    }
  if (!want.ok && got.ok)
    return {
      path: '$',
      message: `the provider answered a success, where the contract expects the vendor error ${want.code}`,
      expected: want.code,
      actual: 'a success',
      sameKind: false,
    }
  if (!want.ok && !got.ok && want.code !== got.code)
    return {
      path: '$',
      message: `the provider answered ${describe(got)}, where the contract expects the vendor error ${want.code}`,
      expected: want.code,
      actual: got.code,
      sameKind: true,
    }
  return undefined
}

function fromPact(response: PactResponse): WireResponse {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(response.headers ?? {}))
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  const content = response.body?.content
  const body =
    content === undefined
      ? ''
      : typeof content === 'string'
        ? response.body?.encoded && response.body.encoded !== 'json'
          ? Buffer.from(content, 'base64')
          : content
        : JSON.stringify(content)
  return { status: response.status ?? 200, headers, body }
}

/** The answer as the scheme reads it: a compressed body inflated first. */
function decoded(response: WireResponse): WireResponse {
  const encoding = String(response.headers['content-encoding'] ?? '').toLowerCase()
  if (!encoding || encoding === 'identity' || typeof response.body === 'string') return response
  try {
    const inflate =
      encoding === 'gzip' ? gunzipSync : encoding === 'br' ? brotliDecompressSync : inflateSync
    return { ...response, body: inflate(response.body) }
  } catch {
    return response
  }
}

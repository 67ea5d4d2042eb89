import { isUtf8 } from 'node:buffer'
import {
  bodyText,
  builtInRegistry,
  hopByHop,
  type Registry,
  type WireRequest,
  type WireResponse,
} from '../protocols/index.ts'
import { canonicalRequest, readRequest } from './canonical-key.ts'
import { redactRequest, redactResponse } from './redact-request.ts'
import type { HarEntry, TapeEntry } from './tape-schema.ts'

export type EntryInput = {
  request: WireRequest
  response: WireResponse
  /** Scheme and host the request was recorded for, e.g. `https://vod.cn-shanghai.aliyuncs.com`. */
  origin: string
  recordedAt: number
  durationMs: number
  /** The schemes that read and redact it; the built-in ones by default. */
  registry?: Registry
}

/** A body as HAR keeps it: text when it is UTF-8 text and not content-coded, else base64 bytes. */
type StoredBody = { text: string; encoding?: 'base64'; size: number }

/**
 * Builds one redacted HAR entry, or undefined when the request is not a call tapedeck knows (it has
 * no match key). `secrets` lists the values redaction removed, for the leak scan. Bodies are kept
 * byte for byte: one that is not valid UTF-8, or that carries a `content-encoding` (gzip, br), is
 * stored as HAR `content.encoding: "base64"` with its header, so replay sends the same bytes.
 */
export function createEntry(
  input: EntryInput,
): { entry: TapeEntry; secrets: string[] } | undefined {
  const registry = input.registry ?? builtInRegistry
  const canonical = canonicalRequest(input.request, readRequest(input.request, registry))
  if (!canonical) return undefined
  const request = redactRequest(input.request, registry)
  const response = redactResponse(input.response, request.removed, registry)
  const { value: req } = request
  const url = `${input.origin}${req.path}${req.query ? `?${req.query}` : ''}`
  // The tape names the host the interaction was recorded for, whichever address the client used.
  const requestHeaders = { ...req.headers, host: new URL(input.origin).host }
  const requestBody = storeBody(req.body, undefined)
  const responseBody = storeBody(response.value.body, response.value.headers['content-encoding'])
  const mimeType = response.value.headers['content-type']
  const entry: TapeEntry = {
    startedDateTime: new Date(input.recordedAt).toISOString(),
    time: input.durationMs,
    request: {
      method: req.method,
      url,
      httpVersion: 'HTTP/1.1',
      headers: pairs(requestHeaders, hopByHop(req.headers['connection'], { framing: true })),
      queryString: queryPairs(req.query),
      ...(req.body.length === 0 && req.method === 'GET'
        ? {}
        : {
            postData: {
              mimeType: req.headers['content-type'] ?? '',
              text: requestBody.text,
              ...(requestBody.encoding ? { encoding: requestBody.encoding } : {}),
            },
          }),
      headersSize: -1,
      bodySize: req.body.length,
      cookies: [],
    },
    response: {
      status: response.value.status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: pairs(
        response.value.headers,
        hopByHop(response.value.headers['connection'], { framing: true }),
      ),
      content: {
        size: responseBody.size,
        mimeType: typeof mimeType === 'string' ? mimeType : (mimeType?.[0] ?? ''),
        text: responseBody.text,
        ...(responseBody.encoding ? { encoding: responseBody.encoding } : {}),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: responseBody.size,
      cookies: [],
    },
    cache: {},
    timings: { send: 0, wait: input.durationMs, receive: 0 },
    _tapedeck: {
      operation: canonical.operation,
      recordedAt: new Date(input.recordedAt).toISOString(),
      matchKey: JSON.stringify(canonical),
      redactions: [...request.redactions, ...response.redactions],
    },
  }
  return { entry, secrets: [...request.secrets, ...response.secrets] }
}

/** The request a tape entry (or any HAR entry) holds, as the pipeline sees requests. */
export function entryRequest(entry: Pick<HarEntry, 'request'>): WireRequest {
  const url = new URL(entry.request.url)
  const headers: Record<string, string> = {}
  for (const { name, value } of entry.request.headers) {
    const lower = name.toLowerCase()
    headers[lower] = headers[lower] === undefined ? value : `${headers[lower]}, ${value}`
  }
  const postData = entry.request.postData
  return {
    method: entry.request.method,
    path: url.pathname,
    query: url.search.slice(1),
    headers,
    body: Buffer.from(postData?.text ?? '', postData?.encoding === 'base64' ? 'base64' : 'utf8'),
  }
}

/** The response a tape entry holds: its fields (a repeated one as a list) and its exact body. */
export function entryResponse(entry: Pick<TapeEntry, 'response'>): WireResponse {
  const headers: WireResponse['headers'] = {}
  for (const { name, value } of entry.response.headers) {
    const lower = name.toLowerCase()
    const known = headers[lower]
    headers[lower] =
      known === undefined ? value : [...(typeof known === 'string' ? [known] : known), value]
  }
  const { content } = entry.response
  const text = content.text ?? ''
  return {
    status: entry.response.status,
    headers,
    body: content.encoding === 'base64' ? Buffer.from(text, 'base64') : text,
  }
}

function storeBody(
  body: string | Buffer,
  contentEncoding: string | readonly string[] | undefined,
): StoredBody {
  if (typeof body === 'string' && contentEncoding === undefined)
    return { text: body, size: Buffer.byteLength(body) }
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  const coded =
    contentEncoding !== undefined && String(contentEncoding).toLowerCase() !== 'identity'
  if (!coded && isUtf8(bytes)) return { text: bodyText(bytes), size: bytes.length }
  return { text: bytes.toString('base64'), encoding: 'base64', size: bytes.length }
}

/** A message's fields as HAR pairs, a repeated one as repeated pairs; connection-level ones left out. */
function pairs(headers: Readonly<Record<string, string | readonly string[]>>, skip: Set<string>) {
  const out: { name: string; value: string }[] = []
  for (const [name, value] of Object.entries(headers)) {
    if (skip.has(name)) continue
    for (const one of typeof value === 'string' ? [value] : value) out.push({ name, value: one })
  }
  return out
}

function queryPairs(query: string) {
  return [...new URLSearchParams(query)].map(([name, value]) => ({ name, value }))
}

import type { WireRequest, WireResponse } from '../protocols/index.ts'
import { canonicalRequest } from './canonical-key.ts'
import { redactRequest, redactResponse } from './redact-request.ts'
import type { TapeEntry } from './tape-schema.ts'

/** Headers that describe one connection, not the interaction: never recorded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'proxy-connection',
  'upgrade',
])

export type EntryInput = {
  request: WireRequest
  response: WireResponse
  /** Scheme and host the request was recorded for, e.g. `https://vod.cn-shanghai.aliyuncs.com`. */
  origin: string
  recordedAt: number
  durationMs: number
}

/**
 * Builds one redacted HAR entry, or undefined when the request is not a call tapedeck knows (it has
 * no match key). `secrets` lists the values redaction removed, for the leak scan.
 */
export function createEntry(
  input: EntryInput,
): { entry: TapeEntry; secrets: string[] } | undefined {
  const canonical = canonicalRequest(input.request)
  if (!canonical) return undefined
  const request = redactRequest(input.request)
  const response = redactResponse(input.response)
  const { value: req } = request
  const url = `${input.origin}${req.path}${req.query ? `?${req.query}` : ''}`
  const body = req.body.toString('utf8')
  const entry: TapeEntry = {
    startedDateTime: new Date(input.recordedAt).toISOString(),
    time: input.durationMs,
    request: {
      method: req.method,
      url,
      httpVersion: 'HTTP/1.1',
      headers: pairs(req.headers),
      queryString: queryPairs(req.query),
      ...(body === '' && req.method === 'GET'
        ? {}
        : { postData: { mimeType: req.headers['content-type'] ?? '', text: body } }),
      headersSize: -1,
      bodySize: req.body.length,
      cookies: [],
    },
    response: {
      status: response.value.status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: pairs(response.value.headers),
      content: {
        size: Buffer.byteLength(response.value.body),
        mimeType: response.value.headers['content-type'] ?? '',
        text: response.value.body,
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: Buffer.byteLength(response.value.body),
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

/** The request a tape entry holds, as the pipeline sees requests. */
export function entryRequest(entry: TapeEntry): WireRequest {
  const url = new URL(entry.request.url)
  const headers: Record<string, string> = {}
  for (const { name, value } of entry.request.headers) headers[name.toLowerCase()] = value
  return {
    method: entry.request.method,
    path: url.pathname,
    query: url.search.slice(1),
    headers,
    body: Buffer.from(entry.request.postData?.text ?? ''),
  }
}

/** The response a tape entry holds. */
export function entryResponse(entry: Pick<TapeEntry, 'response'>): WireResponse {
  const headers: Record<string, string> = {}
  for (const { name, value } of entry.response.headers) headers[name.toLowerCase()] = value
  return { status: entry.response.status, headers, body: entry.response.content.text ?? '' }
}

function pairs(headers: Readonly<Record<string, string>>) {
  return Object.entries(headers)
    .filter(([name]) => !HOP_BY_HOP.has(name))
    .map(([name, value]) => ({ name, value }))
}

function queryPairs(query: string) {
  return [...new URLSearchParams(query)].map(([name, value]) => ({ name, value }))
}

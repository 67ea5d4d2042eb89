import { fault, vendorErrorFor } from '../catalog/index.ts'
import { readXml, renderXml, type WireRequest, type WireResponse } from '../protocols/index.ts'
import { type ReadRequest, readRequest } from '../tapes/index.ts'
import type { NearMiss } from './find-near-miss.ts'

/** The vendor error code a miss carries, so a client's error handling sees it plainly. */
export const MISS_CODE = 'TapedeckNoRecording'

/**
 * Answers a miss in the vendor's own error envelope: the scheme renders its "not found" (a client
 * error, as a request for nothing recorded is: 404 for Alibaba, an in-band error for Tencent, 400
 * for Huawei; never a 5xx a client would retry), whose code, wherever it appears (a `Recommend`
 * link's `q=`), and message are then replaced by `TapedeckNoRecording` and the near-miss text. JSON bodies
 * also carry the report as data under `TapedeckNearMiss`; every miss carries it in the
 * `x-tapedeck-near-miss` header (JSON, ASCII-escaped).
 */
export function renderMiss(
  request: WireRequest,
  text: string,
  nearMiss: NearMiss,
  requestId: string,
  read: ReadRequest | undefined = readRequest(request),
): WireResponse {
  const message = `Failed to replay "${request.method} ${request.path}": no recording matched; ${text}`
  const header = asciiJson(nearMiss)
  if (!read) {
    return {
      status: 404,
      headers: { 'content-type': 'application/json', 'x-tapedeck-near-miss': header },
      body: JSON.stringify({ code: MISS_CODE, message, nearMiss }),
    }
  }
  const { protocol, call, operation } = read
  const problem = fault('NotFound', { value: MISS_CODE, reason: 'no recording matched' })
  const spec = vendorErrorFor(protocol.errors, problem.kind, operation)
  const rendered = protocol.render(
    { ok: false, fault: problem },
    {
      requestId,
      profile: 'live',
      format: call.format,
      host: request.headers['host'] ?? '',
      operation,
    },
  )
  const headers = { ...rendered.headers, 'x-tapedeck-near-miss': header }
  const replace = (value: unknown) =>
    replaceStrings(value, spec.code, spec.message, message) as Record<string, unknown>
  const json = parseJson(rendered.body)
  // XML envelopes: the same replacement on the parsed document, rendered again.
  const body =
    json === undefined
      ? renderXml(replace(readXml(rendered.body)))
      : JSON.stringify({ ...replace(json), TapedeckNearMiss: nearMiss })
  return { ...rendered, headers, body }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function replaceStrings(value: unknown, code: string, template: string, message: string): unknown {
  if (Array.isArray(value))
    return value.map((item) => replaceStrings(item, code, template, message))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, replaceStrings(v, code, template, message)]),
    )
  }
  if ((typeof value === 'string' || typeof value === 'number') && String(value) === code)
    return MISS_CODE
  // A link naming the code as a query value (Alibaba's `Recommend …?q=<Code>&…`).
  if (typeof value === 'string' && value.includes(`=${code}&`))
    return value.replaceAll(`=${code}&`, `=${MISS_CODE}&`)
  const prefix = template.replace(/\{\w+\}.*$/, '').trim()
  if (typeof value === 'string' && prefix !== '' && value.startsWith(prefix)) return message
  return value
}

function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

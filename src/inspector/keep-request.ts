import type { WireRequest } from '../protocols/index.ts'

/** Request bodies kept for a detail view up to this size; a larger one is shown as its size. */
const KEPT_BODY_BYTES = 64 * 1024

/**
 * The request as a journal ring keeps it: the same reference (no copy on the hot path), or, for an
 * outsized body, a copy whose body only says its size, so a ring of requests stays small.
 */
export function keepRequest(request: WireRequest, maxBytes = KEPT_BODY_BYTES): WireRequest {
  return request.body.length > maxBytes
    ? { ...request, body: Buffer.from(`<${request.body.length} bytes, not kept>`) }
    : request
}

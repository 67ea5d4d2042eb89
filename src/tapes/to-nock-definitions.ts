import type { Tape } from './tape-schema.ts'

/** One `nock.define()` definition (nock's own recorder object format). */
export type NockDefinition = {
  scope: string
  method: string
  path: string
  body?: string
  status: number
  response: string
  rawHeaders: Record<string, string>
}

/**
 * Exports a tape as `nock.define()` definitions. nock matches literally (the full path and body,
 * signatures included), so these replay only byte-identical requests; prefer `withTape` or the
 * replay engine for signed APIs. The redacted fields stay redacted.
 * @example
 * nock.define(toNockDefinitions((await readTape('recordings/vod.har')).tape))
 */
export function toNockDefinitions(tape: Tape): NockDefinition[] {
  return tape.log.entries.map((entry) => {
    const url = new URL(entry.request.url)
    const body = entry.request.postData?.text
    return {
      scope: url.origin,
      method: entry.request.method,
      path: `${url.pathname}${url.search}`,
      ...(body ? { body } : {}),
      status: entry.response.status,
      response: entry.response.content.text ?? '',
      rawHeaders: Object.fromEntries(entry.response.headers.map((h) => [h.name, h.value])),
    }
  })
}

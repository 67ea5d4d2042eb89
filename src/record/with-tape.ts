import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import nock from 'nock'
import type { WireRequest, WireResponse } from '../protocols/index.ts'
import { createReplayer, type ReplayMode } from '../replay/index.ts'
import {
  createEntry,
  createTape,
  readTape,
  resolveTapePath,
  type TapeEntry,
  writeTape,
} from '../tapes/index.ts'
import { type Exchange, observeExchanges } from './observe-exchanges.ts'

export type WithTapeOptions = {
  /**
   * `replay` (default): serve the tape, a miss is a vendor error; `record-all`: run against the
   * network and write the tape; `record-missing`: record when the tape file does not exist yet,
   * replay otherwise (nock back's `record`); `passthrough`: run against the network, write nothing.
   */
  mode?: ReplayMode
  /** Folder of tapes, default `recordings`. */
  dir?: string
  /** Secret values the leak scan refuses to write, besides what redaction removes. */
  secrets?: readonly string[]
  now?: () => number
}

/**
 * Runs `fn` with in-process recording or replay (the only nock import in tapedeck): records every
 * HTTP call `fn` makes (global `fetch`, `node:http`) to `<dir>/<name>.har`, redacted and
 * leak-scanned, by listening on the process's running interceptor (so MSW handlers keep working
 * around it), or replays that tape on nock with the protocol-aware engine (canonical matching, not
 * nock's literal one). The same HAR tapes as `tapedeck record` / `tapedeck replay`.
 * @example
 * await withTape('update-image-infos', async () => { await client.updateImageInfos(…) })
 */
export async function withTape<T>(
  name: string,
  fn: () => Promise<T>,
  options: WithTapeOptions = {},
): Promise<T> {
  const file = resolveTapePath(
    `${name}.har`,
    options.dir ?? 'recordings',
    'withTape name',
    "withTape's dir option",
  )
  const mode = options.mode ?? 'replay'
  switch (mode) {
    case 'passthrough':
      return fn()
    case 'record-missing':
      return existsSync(file) ? replay(file, fn) : record(file, fn, options)
    case 'record-all':
      return record(file, fn, options)
    case 'replay':
      return replay(file, fn)
  }
}

async function replay<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const replayer = createReplayer({ tapes: [await readTape(file)] })
  const scope = nock(/.*/).persist()
  for (const method of ['get', 'post', 'put', 'delete', 'patch'] as const) {
    scope[method](/.*/).reply(async function (uri, body) {
      const headers: Record<string, string> = {}
      for (const [key, value] of Object.entries(this.req.headers))
        headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
      const mark = uri.indexOf('?')
      const request: WireRequest = {
        method: method.toUpperCase(),
        path: mark === -1 ? uri : uri.slice(0, mark),
        query: mark === -1 ? '' : uri.slice(mark + 1),
        headers,
        body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body ?? '')),
      }
      const { response } = await replayer.handle(request)
      return [response.status, response.body, response.headers]
    })
  }
  try {
    return await fn()
  } finally {
    nock.cleanAll()
  }
}

async function record<T>(file: string, fn: () => Promise<T>, options: WithTapeOptions): Promise<T> {
  const now = options.now ?? Date.now
  const started = now()
  // Each exchange is read as it completes (its bodies are clones), in the order they complete.
  const reads: Array<Promise<[WireRequest, WireResponse, string]>> = []
  const stop = observeExchanges((exchange) => reads.push(fromExchange(exchange)))
  let result: T
  try {
    result = await fn()
  } finally {
    stop()
  }
  const secrets = new Set(options.secrets ?? [])
  const entries: TapeEntry[] = []
  for (const [request, response, origin] of await Promise.all(reads)) {
    const built = createEntry({ request, response, origin, recordedAt: now(), durationMs: 0 })
    if (!built) continue
    for (const secret of built.secrets) secrets.add(secret)
    entries.push(built.entry)
  }
  mkdirSync(dirname(file), { recursive: true })
  const tape = createTape(started)
  await writeTape(file, { ...tape, log: { ...tape.log, entries } }, secrets)
  return result
}

async function fromExchange({
  request,
  response,
  decoded,
}: Exchange): Promise<[WireRequest, WireResponse, string]> {
  const url = new URL(request.url)
  const headers: Record<string, string> = { host: url.host }
  for (const [key, value] of request.headers) if (key !== 'user-agent') headers[key] = value
  const responseHeaders: Record<string, string> = {}
  for (const [key, value] of response.headers) responseHeaders[key] = value
  // fetch hands its listeners the body decoded: kept with its coding fields, replay would send
  // plain bytes labelled gzip.
  if (decoded) {
    delete responseHeaders['content-encoding']
    delete responseHeaders['content-length']
  }
  const [requestBody, responseBody] = await Promise.all([
    request.clone().arrayBuffer(),
    response.clone().arrayBuffer(),
  ])
  return [
    {
      method: request.method,
      path: url.pathname,
      query: url.search.slice(1),
      headers,
      body: Buffer.from(requestBody),
    },
    { status: response.status, headers: responseHeaders, body: Buffer.from(responseBody) },
    url.origin,
  ]
}

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
 * Runs `fn` with in-process recording or replay on nock (the only nock import in tapedeck): records
 * every HTTP call `fn` makes (global `fetch`, `node:http`) to `<dir>/<name>.har`, redacted and
 * leak-scanned, or replays that tape with the protocol-aware engine (canonical matching, not
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
  // The recorder installs its own interception: nock's default one must be off first.
  nock.restore()
  nock.recorder.rec({ output_objects: true, dont_print: true, enable_reqheaders_recording: true })
  const started = now()
  let result: T
  let recorded: RecordedCall[] = []
  try {
    result = await fn()
  } finally {
    recorded = nock.recorder.play() as unknown as RecordedCall[]
    nock.recorder.clear()
    // Back to nock's state at import: active, no interceptors.
    nock.restore()
    nock.activate()
  }
  const secrets = new Set(options.secrets ?? [])
  const entries: TapeEntry[] = []
  for (const call of recorded) {
    const [request, response, origin] = fromRecorded(call)
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

/** nock's recorder object (`output_objects: true`). */
type RecordedCall = {
  scope: string
  method: string
  path: string
  body?: unknown
  status: number
  response?: unknown
  rawHeaders?: string[] | Record<string, string | string[]>
  reqheaders?: Record<string, string | string[]>
}

function fromRecorded(call: RecordedCall): [WireRequest, WireResponse, string] {
  const origin = new URL(call.scope).origin
  const mark = call.path.indexOf('?')
  const headers: Record<string, string> = { host: new URL(call.scope).host }
  for (const [key, value] of Object.entries(call.reqheaders ?? {}))
    headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
  const text = (value: unknown) =>
    value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value)
  const responseHeaders: Record<string, string> = {}
  const raw = call.rawHeaders ?? {}
  if (Array.isArray(raw)) {
    for (let i = 0; i + 1 < raw.length; i += 2) responseHeaders[raw[i]!.toLowerCase()] = raw[i + 1]!
  } else {
    for (const [key, value] of Object.entries(raw))
      responseHeaders[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return [
    {
      method: call.method.toUpperCase(),
      path: mark === -1 ? call.path : call.path.slice(0, mark),
      query: mark === -1 ? '' : call.path.slice(mark + 1),
      headers,
      body: Buffer.from(text(call.body)),
    },
    { status: call.status, headers: responseHeaders, body: text(call.response) },
    origin,
  ]
}

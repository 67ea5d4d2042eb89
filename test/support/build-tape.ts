import { updateImageInfos } from '../../src/catalog/index.ts'
import { signCall, testCredentials } from '../../src/client/index.ts'
import type { WireRequest, WireResponse } from '../../src/protocols/index.ts'
import { createEntry, createTape, type LoadedTape, type TapeEntry } from '../../src/tapes/index.ts'
import { T0 } from './start-test-server.ts'

/** A signed UpdateImageInfos request as pop-core would send it (POST form), on `endpoint`. */
export function imageRequest(
  items: readonly Record<string, unknown>[],
  {
    endpoint = 'http://127.0.0.1:9',
    now = () => T0,
    secret,
  }: { endpoint?: string; now?: () => number; secret?: string } = {},
): WireRequest {
  const credentials = testCredentials()
  if (secret) credentials.alibaba = { ...credentials.alibaba, secret }
  return signCall(
    { endpoint, credentials, now },
    updateImageInfos,
    {
      UpdateContent: JSON.stringify(items),
    },
    { variant: 'POST' },
  )
}

/** A JSON success response with a marker, to tell recorded responses apart. */
export function okResponse(marker: string): WireResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/json;charset=utf-8' },
    body: JSON.stringify({ RequestId: marker, NonExistImageIds: { ImageId: [] } }),
  }
}

/** A tape of `[request, response]` pairs, recorded at `recordedAt`. */
export function buildTape(
  pairs: ReadonlyArray<readonly [WireRequest, WireResponse]>,
  { recordedAt = T0, source = 'memory.har' } = {},
): LoadedTape {
  const tape = createTape(recordedAt, 'https://vod.cn-shanghai.aliyuncs.com')
  const entries: TapeEntry[] = pairs.map(([request, response]) => {
    const built = createEntry({
      request,
      response,
      origin: 'https://vod.cn-shanghai.aliyuncs.com',
      recordedAt,
      durationMs: 5,
    })
    if (!built) throw new Error('not a known call')
    return built.entry
  })
  return { source, tape: { ...tape, log: { ...tape.log, entries } } }
}

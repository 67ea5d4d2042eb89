import { canonicalKey, type Tape, type TapeEntry } from '../src/tapes/index.ts'
import { BENCH_OPERATION, BENCH_PARAMS, signBenchCall } from './bench-request.ts'

const RECORDED_AT = '2026-01-01T00:00:00.000Z'

/** The RequestId of interaction `index`: a fixed UUID-shaped id, so tapes are reproducible. */
function requestIdOf(index: number): string {
  const hex = index.toString(16).padStart(12, '0')
  return `00000000-0000-4000-8000-${hex}`.toUpperCase()
}

/**
 * A HAR tape of `size` ModifyImageAttribute interactions. Interaction 0 is the benchmark call
 * (`BENCH_PARAMS`); the others rename the same image to `bench-image-<i>`, so every entry has its
 * own match key and a replay engine must find the benchmark call among all of them.
 */
export function makeTape(size: number): Tape {
  const entries: TapeEntry[] = []
  // A fixed clock: the match key leaves out timestamps and signatures, and the tape stays stable.
  const now = () => Date.parse(RECORDED_AT)
  for (let index = 0; index < size; index++) {
    const params =
      index === 0 ? BENCH_PARAMS : { ...BENCH_PARAMS, ImageName: `bench-image-${index}` }
    const wire = signBenchCall(443, params, now)
    const matchKey = canonicalKey(wire)
    if (matchKey === undefined) throw new Error(`Failed to key interaction ${index} of the tape`)
    const body = JSON.stringify({ Response: { RequestId: requestIdOf(index) } })
    const requestBody = wire.body.toString('utf8')
    entries.push({
      startedDateTime: RECORDED_AT,
      time: 1,
      request: {
        method: wire.method,
        url: 'https://cvm.tencentcloudapi.com/',
        httpVersion: 'HTTP/1.1',
        headers: Object.entries(wire.headers)
          .filter(([name]) => name !== 'host')
          .map(([name, value]) => ({
            name,
            value: name === 'authorization' ? '[REDACTED:authorization]' : value,
          })),
        queryString: [],
        postData: { mimeType: 'application/json; charset=utf-8', text: requestBody },
        headersSize: -1,
        bodySize: Buffer.byteLength(requestBody),
        cookies: [],
      },
      response: {
        status: 200,
        statusText: 'OK',
        httpVersion: 'HTTP/1.1',
        headers: [{ name: 'content-type', value: 'application/json' }],
        content: { size: Buffer.byteLength(body), mimeType: 'application/json', text: body },
        redirectURL: '',
        headersSize: -1,
        bodySize: Buffer.byteLength(body),
        cookies: [],
      },
      cache: {},
      timings: { send: 0, wait: 1, receive: 0 },
      _tapedeck: {
        operation: BENCH_OPERATION,
        recordedAt: RECORDED_AT,
        matchKey,
        redactions: ['header:authorization'],
      },
    })
  }
  return {
    log: {
      version: '1.2',
      creator: { name: 'tapedeck-bench', version: '1' },
      entries,
      _tapedeck: { upstream: 'https://cvm.tencentcloudapi.com', createdAt: RECORDED_AT },
    },
  }
}

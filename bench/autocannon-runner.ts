// The autocannon fallback, run as its own process (pinned like wrk): one burst, one JSON line out.
import autocannon from 'autocannon'
import type { LoadRequest } from './bench-request.ts'

type Job = { url: string; connections: number; seconds: number; request: LoadRequest }
const job = JSON.parse(process.argv[2] ?? '{}') as Job
const { 'content-length': _, host: __, ...headers } = job.request.headers

const result = await autocannon({
  url: job.url,
  connections: job.connections,
  duration: job.seconds,
  method: job.request.method,
  headers,
  body: job.request.body,
})
const line = {
  requests: result.requests.total,
  durationUs: result.duration * 1e6,
  p50Us: result.latency.p50 * 1000,
  p99Us: result.latency.p99 * 1000,
  non2xx: result.non2xx,
  errors: result.errors + result.timeouts,
}
console.log(`BENCH_JSON ${JSON.stringify(line)}`)

// The conformance suite's wall time for the reference client, in process: run by the benchmark as
// its own process (after the load rounds) and printed as one JSON line.

import { referenceClient } from '../examples/clients/reference-client.ts'
import { conform } from '../src/conformance/index.ts'

const started = performance.now()
const report = await conform(referenceClient, { name: 'reference' })
const line = {
  wallMs: performance.now() - started,
  passed: report.passed,
  failed: report.failed,
  notApplicable: report.notApplicable,
}
console.log(`BENCH_JSON ${JSON.stringify(line)}`)

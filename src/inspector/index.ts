// The inspector: a page on the running server (live requests, why each failed, state, faults,
// coverage) and the routes that feed it.

export { createInspector, type Inspector } from './create-inspector.ts'
export { REDACTED, redactRequest, type ShownRequest, toCurl } from './redact-exchange.ts'
export { type RequestSummary, summarize } from './summarize-trace.ts'

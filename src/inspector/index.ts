// The inspector: a page on the running server (live requests, why each failed, state, faults,
// coverage) and the routes that feed it.

export { createEventFeed, type EventFeed, type InspectorHello } from './create-event-feed.ts'
export { createInspector, type Inspector } from './create-inspector.ts'
export { createPageFiles } from './create-page-files.ts'
export { keepRequest } from './keep-request.ts'
export {
  redactHeaders,
  redactRequest,
  type ShownRequest,
  toCurl,
} from './redact-exchange.ts'
export type { RequestSummary } from './summarize-trace.ts'

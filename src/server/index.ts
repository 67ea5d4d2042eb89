// The HTTP door: node:http adapter over the pipeline, admin API, journal, banner.

export { ADMIN_PREFIX } from './admin-api.ts'
export type { Journal } from './create-journal.ts'
export type { ServerOptions, TapedeckServer } from './create-server.ts'
// The node:http adapter, for the other doors (replay, record)
export { startServer } from './create-server.ts'
export { type Listening, listen } from './listen.ts'
export { type BodyCallback, readBody } from './read-body.ts'
export { renderBanner } from './render-banner.ts'
export { prepareResponse, send } from './send.ts'
export { toWireRequest } from './to-wire-request.ts'

// The HTTP door: node:http adapter over the pipeline, admin API, journal, banner.

export { ADMIN_PREFIX } from './admin-api.ts'
export type { Journal } from './create-journal.ts'
export type { ServerOptions, TapedeckServer } from './create-server.ts'
export { startServer } from './create-server.ts'
export { renderBanner } from './render-banner.ts'

// The simulator's server: the pipeline behind the HTTP/1.1 door, admin API, journal, banner.

export { ADMIN_PREFIX } from './admin-api.ts'
export type { Journal, JournalEntry } from './create-journal.ts'
export type { ServerOptions, TapedeckServer } from './create-server.ts'
export { startServer } from './create-server.ts'
export { renderBanner } from './render-banner.ts'

// The simulator's server: the pipeline behind the HTTP/1.1 door, admin API, journal, banner.

export { ADMIN_PREFIX, renderAdminRoutes } from './admin-api.ts'
export { isLoopback } from './check-admin-access.ts'
export type { Journal, JournalEntry } from './create-journal.ts'
export type { ServerOptions, TapedeckServer } from './create-server.ts'
export { startServer } from './create-server.ts'
export { renderBanner } from './render-banner.ts'
export { type AdminAccess, serveAdmin } from './serve-admin.ts'

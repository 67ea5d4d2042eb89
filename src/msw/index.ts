// MSW handlers over the shared pipeline: the only folder that imports msw.

export type { HandlerOptions } from './create-handlers.ts'
export { createHandlers, handlersFor } from './create-handlers.ts'
export { vendorHostPattern } from './host-pattern.ts'

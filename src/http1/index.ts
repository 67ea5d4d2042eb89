// An HTTP/1.1 server over `node:net`: the door of `serve`, `replay` and `record`.

export { INTERNAL_ERROR, jsonError } from './json-error.ts'
export {
  DEFAULT_LIMITS,
  DEFAULT_MAX_BODY_BYTES,
  type Http1Options,
  type Listening,
  listenHttp1,
} from './listen-http1.ts'
export { prepareResponse } from './render-response.ts'
export type { ConnectionLimits, Http1Handler, Reply } from './types.ts'

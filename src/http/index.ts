// The HTTP door of `serve`, `replay` and `record`: `node:http` / `node:https` with the body as
// bytes, the limits a public port needs, and `WireResponse`s written exactly.

export { INTERNAL_ERROR, jsonError } from './json-error.ts'
export {
  type ConnectionLimits,
  DEFAULT_MAX_BODY_BYTES,
  type HttpHandler,
  type HttpOptions,
  type Listening,
  listenHttp,
  type Reply,
  type ReplyStream,
} from './listen-http.ts'
export { prepareResponse } from './send-response.ts'

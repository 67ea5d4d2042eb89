import { TapedeckError } from '../errors.ts'
import {
  DEFAULT_MAX_BODY_BYTES,
  type HttpOptions,
  jsonError,
  type Listening,
  listenHttp,
  type Reply,
} from '../http/index.ts'
import type { WireRequest, WireResponse } from '../protocols/index.ts'

export type { Listening }

export type ListenOptions = Pick<HttpOptions, 'port' | 'host' | 'maxBodyBytes' | 'tls'> & {
  log?: (line: string) => void
}

/**
 * The HTTP door of the replay and record servers: one `WireRequest` in, the engine's
 * `WireResponse` out (`src/http`). A failure of the engine (the upstream unreachable) answers 502.
 * `intercept` sees each request first and answers those it takes (the admin routes).
 */
export async function listenEngine(
  handle: (request: WireRequest) => WireResponse | Promise<WireResponse>,
  options: ListenOptions = {},
  intercept?: (request: WireRequest, reply: Reply) => boolean,
): Promise<Listening> {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const fail = (request: WireRequest, reply: Reply, error: unknown) => {
    const reason = error instanceof TapedeckError ? error.message : 'internal error'
    options.log?.(`Failed to handle "${request.method} ${request.path}": ${reason}`)
    reply.send(failure(502, reason))
  }
  return listenHttp(
    (request, reply) => {
      if (intercept?.(request, reply)) return
      if (reply.bodyTooLarge) return reply.send(failure(413, `the body exceeds ${maxBody} bytes`))
      try {
        // A hit answers synchronously: no promise on the hot path.
        const answered = handle(request)
        if (!(answered instanceof Promise)) return reply.send(answered)
        answered.then(
          (wire) => reply.send(wire),
          (error: unknown) => fail(request, reply, error),
        )
      } catch (error) {
        fail(request, reply, error)
      }
    },
    {
      port: options.port ?? 0,
      host: options.host ?? '127.0.0.1',
      maxBodyBytes: maxBody,
      ...(options.tls ? { tls: options.tls } : {}),
    },
  )
}

function failure(status: number, reason: string): WireResponse {
  return jsonError(status, 'E_TAPEDECK', `Failed to handle the request: ${reason}`)
}

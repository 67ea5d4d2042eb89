import { TapedeckError } from '../errors.ts'
import {
  DEFAULT_MAX_BODY_BYTES,
  jsonError,
  type Listening,
  listenHttp1,
  type Reply,
} from '../http1/index.ts'
import type { WireRequest, WireResponse } from '../protocols/index.ts'

export type { Listening }

export type ListenOptions = {
  /** Default 0 (a free port). */
  port?: number
  /** Default 127.0.0.1 (loopback only). */
  host?: string
  /** Largest request body accepted, bytes (default 2 MiB). */
  maxBodyBytes?: number
  log?: (line: string) => void
}

/**
 * The HTTP door of the replay and record servers: bytes in, one `WireRequest`, the engine's
 * `WireResponse` out (`src/http1`).
 */
export async function listenHttp(
  handle: (request: WireRequest) => WireResponse | Promise<WireResponse>,
  options: ListenOptions = {},
): Promise<Listening> {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const fail = (request: WireRequest, reply: Reply, error: unknown) => {
    const reason = error instanceof TapedeckError ? error.message : 'internal error'
    options.log?.(`Failed to handle "${request.method} ${request.path}": ${reason}`)
    reply.send(failure(502, reason))
  }
  return listenHttp1(
    (request, reply) => {
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
    },
  )
}

function failure(status: number, reason: string): WireResponse {
  return jsonError(status, 'E_TAPEDECK', `Failed to handle the request: ${reason}`)
}

import { operations } from '../src/catalog/index.ts'
import { signCall, testCredentials } from '../src/client/index.ts'
import type { WireRequest } from '../src/protocols/index.ts'

/** A request as the load generators send it: every header explicit, the body as text. */
export type LoadRequest = {
  method: string
  path: string
  headers: Record<string, string>
  body: string
}

/**
 * Every target answers this one call: Tencent API 3.0 `ModifyImageAttribute`, signed with
 * TC3-HMAC-SHA256. TC3 carries no nonce, so one signed request can be sent over and over and
 * `tapedeck serve` still does the whole verification (canonical request, SHA-256 of the body, the
 * four-step HMAC key derivation, constant-time compare) on every one of them.
 */
export const BENCH_OPERATION = 'tencent-cvm.ModifyImageAttribute'
export const BENCH_PARAMS = { ImageId: 'img-12345678', ImageName: 'bench-image' } as const

/** Signs the benchmark call (or a variant of its parameters) for a server on `127.0.0.1:port`. */
export function signBenchCall(
  port: number,
  params: Record<string, string> = BENCH_PARAMS,
  now: () => number = Date.now,
): WireRequest {
  const operation = operations.find((candidate) => candidate.id === BENCH_OPERATION)!
  return signCall(
    { endpoint: `http://127.0.0.1:${port}`, credentials: testCredentials(), now },
    operation,
    params,
    { variant: 'TC3' },
  )
}

/**
 * The benchmark request for one target, signed now: re-signed before every round, so a long run
 * never drifts out of Tencent's five-minute clock window.
 */
export function benchRequest(port: number): LoadRequest {
  const wire = signBenchCall(port)
  return {
    method: wire.method,
    path: wire.query ? `${wire.path}?${wire.query}` : wire.path,
    headers: { ...wire.headers },
    body: wire.body.toString('utf8'),
  }
}

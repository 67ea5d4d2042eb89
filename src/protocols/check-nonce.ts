import { type Fault, fault } from '../catalog/index.ts'
import type { AuthContext } from './protocol.ts'

/**
 * Claims a nonce for as long as its request could still pass the clock check (request time plus
 * the window): NonceUsed when `key` (scheme, credential and nonce) was already claimed in that time.
 * Call it after the signature and clock checks, so a forged request cannot burn a real nonce.
 */
export function checkNonce(
  key: string,
  requestMs: number,
  ctx: Pick<AuthContext, 'now' | 'nonces' | 'windowSeconds'>,
): Fault | undefined {
  const expiresAtMs = requestMs + ctx.windowSeconds * 1000
  return ctx.nonces.claim(key, expiresAtMs, ctx.now()) ? undefined : fault('NonceUsed')
}

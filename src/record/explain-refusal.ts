import { TapedeckError } from '../errors.ts'
import type {
  CredentialKind,
  Registry,
  SigningCredentials,
  WireRequest,
  WireResponse,
} from '../protocols/index.ts'
import { unsignedCause } from './unsigned-cause.ts'

/**
 * Names the real cause when an interaction is refused for a leak after its request went upstream
 * as the client signed it (`unsignedCause`): the leak is only the symptom; the fix is the
 * environment.
 */
export function explainRefusal(
  error: unknown,
  request: WireRequest,
  response: WireResponse,
  credentials: Partial<Record<CredentialKind, SigningCredentials>>,
  registry?: Registry,
): unknown {
  if (!(error instanceof TapedeckError) || error.code !== 'E_TAPE_LEAK') return error
  const unsigned = unsignedCause(request, response, credentials, registry)
  if (!unsigned) return error
  return new TapedeckError(
    'E_TAPE_LEAK',
    `Failed to record ${unsigned.what} and its answer carries a credential (a refusal repeating the key id it was sent), so nothing was written. ${unsigned.cause} (${error.message})`,
    { cause: error },
  )
}

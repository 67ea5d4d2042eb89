import { testCredentials } from '../client/index.ts'
import type { CredentialKind, KeyRing, SigningCredentials } from '../protocols/index.ts'

/**
 * The key ring `--verify-signatures` checks against: the built-in test credentials (or others),
 * so a client that signs wrongly fails offline as it would online.
 */
export function testKeyRing(
  credentials: Partial<Record<CredentialKind, SigningCredentials>> = testCredentials(),
): KeyRing {
  return (kind, keyId) => {
    const entry = credentials[kind]
    if (!entry || entry.keyId !== keyId) return undefined
    return {
      account: 'replay',
      ...(entry.secret ? { secret: entry.secret } : {}),
      ...(entry.project ? { project: entry.project } : {}),
    }
  }
}

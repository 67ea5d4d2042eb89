import { CREDENTIAL_KIND_TRAITS, type CredentialKind } from './protocol.ts'

/** Below this length a token shows no characters at all: four of eight would give half away. */
const SHOWN_FROM_LENGTH = 16

/**
 * A key id as it may be shown (journal, logs, messages): as it is for kinds whose key id only names
 * a secret, masked for kinds whose key id is the secret (an IAM token): its first four characters
 * and its length, or only its length when it is short.
 * @example redactKeyId('huawei-token', 'test-x-auth-token') // 'test…(17 chars)'
 */
export function redactKeyId(kind: CredentialKind, keyId: string): string {
  if (!CREDENTIAL_KIND_TRAITS[kind].secretKeyId) return keyId
  const shown = keyId.length >= SHOWN_FROM_LENGTH ? keyId.slice(0, 4) : ''
  return `${shown}…(${keyId.length} chars)`
}

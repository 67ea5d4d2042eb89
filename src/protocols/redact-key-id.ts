import type { WireProtocol } from './protocol.ts'

/** Below this length a token shows no characters at all: four of eight would give half away. */
const SHOWN_FROM_LENGTH = 16

/**
 * A key id as it may be shown (journal, logs, messages): as it is for kinds whose key id only names
 * a secret, masked for kinds whose key id is the secret (an IAM token): its first four characters
 * and its length, or only its length when it is short.
 * The kind is the request's own (`call.credentialKind`), else the scheme's.
 * @example redactKeyId(huaweiApig, 'huawei-token', 'test-x-auth-token') // 'test…(17 chars)'
 */
export function redactKeyId(protocol: WireProtocol, kind: string, keyId: string): string {
  const declared = protocol.credentials.find((credential) => credential.kind === kind)
  if (declared && !declared.secretKeyId) return keyId
  const shown = keyId.length >= SHOWN_FROM_LENGTH ? keyId.slice(0, 4) : ''
  return `${shown}…(${keyId.length} chars)`
}
